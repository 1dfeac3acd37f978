// The floor under the latency scenario: what this machine gives when a
// sender that does nothing but fan frames out serves a receiver that does
// nothing but read them, over the same number of loopback TCP connections
// the server benchmark uses, at the same offered rate. No WebSocket, no
// JSON, no database, no Qt: whatever p99 this shows, no server can beat on
// this machine with its load generator beside it.
//
// Two processes, as in the server benchmark. The sender makes `--rate`
// messages a second on a fixed schedule (each carries its scheduled time, so
// a late round counts against the latency), and in rounds: it takes every
// message due, optionally waits `--commit-us` (a stand-in for the commit's
// fsync, time off the CPU), then writes the batch to every connection with
// one write() each, the way the server batches a pass's frames per socket
// (spread over `--sender-threads` threads if asked).
// The receiver waits in epoll and reads every connection that has data,
// recording send-to-read latency for every message at every connection.
//
//   bench_fanout_floor [--devices N] [--rate PER_S] [--seconds S]
//                      [--frame-bytes B] [--commit-us U] [--warmup S]
//                      [--sender-threads T]
//
// Prints one JSON line: latency p50/p99/p999/max in ms over all deliveries,
// rounds per second, and each process's CPU in cores.

#include <algorithm>
#include <arpa/inet.h>
#include <barrier>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <string_view>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

struct Options
{
    int devices = 1000;
    double rate = 490;
    double seconds = 8;
    double warmup = 2;
    int frameBytes = 256;
    int commitUs = 0;
    int senderThreads = 1;
};

int64_t nowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

double cpuSecondsOfSelf()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "bench_fanout_floor: %s: %s\n", what, std::strerror(errno));
    std::exit(1);
}

void raiseFileLimit(int needed)
{
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_cur < rlim_t(needed)) {
        limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, rlim_t(needed));
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

void setNoDelay(int fd)
{
    const int on = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

bool writeAll(int fd, const char *data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += n;
        size -= size_t(n);
    }
    return true;
}

// The receiving side: `devices` connections, every frame's latency kept.
struct ReceiverResult
{
    std::vector<uint32_t> latencyUs;
    double cpuCores = 0;
};

ReceiverResult receive(const Options &options, uint16_t port)
{
    std::vector<int> fds;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int epoll = epoll_create1(0);
    for (int i = 0; i < options.devices; ++i) {
        const int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0 || connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0)
            fail("connect");
        setNoDelay(fd);
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.u32 = uint32_t(i);
        epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event);
        fds.push_back(fd);
    }
    const size_t frame = size_t(options.frameBytes);
    std::vector<std::string> partial(size_t(options.devices));
    std::vector<char> buffer(1 << 16);
    std::vector<epoll_event> events(size_t(options.devices));
    ReceiverResult result;
    result.latencyUs.reserve(size_t(options.rate * options.seconds * options.devices * 1.1));
    int64_t measureFrom = -1;
    int64_t measureUntil = -1;
    double cpuAtStart = 0;
    double cpuAtEnd = 0;
    int open = options.devices;
    while (open > 0) {
        const int ready = epoll_wait(epoll, events.data(), int(events.size()), -1);
        if (ready < 0) {
            if (errno == EINTR)
                continue;
            fail("epoll_wait");
        }
        for (int e = 0; e < ready; ++e) {
            const uint32_t index = events[size_t(e)].data.u32;
            const ssize_t n = ::read(fds[index], buffer.data(), buffer.size());
            if (n <= 0) {
                epoll_ctl(epoll, EPOLL_CTL_DEL, fds[index], nullptr);
                ::close(fds[index]);
                --open;
                continue;
            }
            const int64_t now = nowNs();
            std::string &pending = partial[index];
            pending.append(buffer.data(), size_t(n));
            size_t at = 0;
            for (; pending.size() - at >= frame; at += frame) {
                int64_t header[2];
                std::memcpy(header, pending.data() + at, sizeof header);
                const int64_t sentNs = header[0];
                if (measureFrom < 0) {
                    // The sender writes the measurement window into every frame.
                    measureFrom = header[1];
                    measureUntil = measureFrom + int64_t(options.seconds * 1e9);
                }
                if (sentNs >= measureUntil && cpuAtEnd == 0)
                    cpuAtEnd = cpuSecondsOfSelf();
                if (sentNs >= measureFrom && sentNs < measureUntil) {
                    if (cpuAtStart == 0)
                        cpuAtStart = cpuSecondsOfSelf();
                    result.latencyUs.push_back(uint32_t((now - sentNs) / 1000));
                }
            }
            pending.erase(0, at);
        }
    }
    if (cpuAtEnd == 0)
        cpuAtEnd = cpuSecondsOfSelf();
    result.cpuCores = (cpuAtEnd - cpuAtStart) / options.seconds;
    return result;
}

struct SenderResult
{
    double rounds = 0;
    double cpuCores = 0;
};

SenderResult send(const Options &options, int listener)
{
    std::vector<int> fds;
    for (int i = 0; i < options.devices; ++i) {
        const int fd = accept(listener, nullptr, nullptr);
        if (fd < 0)
            fail("accept");
        setNoDelay(fd);
        fds.push_back(fd);
    }
    const size_t frame = size_t(options.frameBytes);
    const int64_t start = nowNs();
    const int64_t measureFrom = start + int64_t(options.warmup * 1e9);
    const int64_t end = measureFrom + int64_t(options.seconds * 1e9);
    const double intervalNs = 1e9 / options.rate;
    int64_t made = 0;
    int64_t roundsInWindow = 0;
    double cpuAtStart = -1;
    double cpuAtEnd = 0;
    std::vector<char> batch;
    // With --sender-threads T, thread t writes connections t, t+T, ...
    const int threads = options.senderThreads;
    std::barrier roundStart(threads);
    std::barrier roundDone(threads);
    bool stopping = false;
    auto writeSlice = [&](int thread) {
        for (size_t i = size_t(thread); i < fds.size(); i += size_t(threads)) {
            if (!writeAll(fds[i], batch.data(), batch.size()))
                fail("write");
        }
    };
    std::vector<std::thread> writers;
    for (int t = 1; t < threads; ++t) {
        writers.emplace_back([&, t] {
            for (;;) {
                roundStart.arrive_and_wait();
                if (stopping)
                    return;
                writeSlice(t);
                roundDone.arrive_and_wait();
            }
        });
    }
    for (;;) {
        const int64_t now = nowNs();
        if (cpuAtStart < 0 && now >= measureFrom)
            cpuAtStart = cpuSecondsOfSelf();
        if (cpuAtEnd == 0 && now >= end)
            cpuAtEnd = cpuSecondsOfSelf();
        if (now >= end + int64_t(2e8))
            break;
        const int64_t due = int64_t(double(now - start) / intervalNs) + 1;
        if (due <= made) {
            const int64_t next = start + int64_t(double(made) * intervalNs);
            timespec until{time_t(next / 1000000000), long(next % 1000000000)};
            clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, nullptr);
            continue;
        }
        batch.assign(size_t(due - made) * frame, 'x');
        for (int64_t m = made; m < due; ++m) {
            const int64_t header[2] = {start + int64_t(double(m) * intervalNs), measureFrom};
            std::memcpy(batch.data() + size_t(m - made) * frame, header, sizeof header);
        }
        made = due;
        if (options.commitUs > 0) {
            timespec wait{time_t(options.commitUs / 1000000),
                          long(options.commitUs % 1000000) * 1000};
            nanosleep(&wait, nullptr);
        }
        roundStart.arrive_and_wait();
        writeSlice(0);
        roundDone.arrive_and_wait();
        if (now >= measureFrom && now < end)
            ++roundsInWindow;
    }
    stopping = true;
    roundStart.arrive_and_wait();
    for (std::thread &writer : writers)
        writer.join();
    for (const int fd : fds)
        ::close(fd);
    SenderResult result;
    result.rounds = double(roundsInWindow) / options.seconds;
    result.cpuCores = (cpuAtEnd - cpuAtStart) / options.seconds;
    return result;
}

double percentileMs(std::vector<uint32_t> &sorted, double p)
{
    if (sorted.empty())
        return 0;
    const size_t index = std::min(sorted.size() - 1, size_t(p * double(sorted.size())));
    return double(sorted[index]) / 1000.0;
}

bool parse(int argc, char **argv, Options &options)
{
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "--help" || arg == "-h" || !hasValue)
            return false;
        const char *value = argv[++i];
        if (arg == "--devices")
            options.devices = std::atoi(value);
        else if (arg == "--rate")
            options.rate = std::atof(value);
        else if (arg == "--seconds")
            options.seconds = std::atof(value);
        else if (arg == "--warmup")
            options.warmup = std::atof(value);
        else if (arg == "--frame-bytes")
            options.frameBytes = std::max(16, std::atoi(value));
        else if (arg == "--sender-threads")
            options.senderThreads = std::max(1, std::atoi(value));
        else if (arg == "--commit-us")
            options.commitUs = std::atoi(value);
        else
            return false;
    }
    return options.devices > 0 && options.rate > 0 && options.seconds > 0;
}

} // namespace

int main(int argc, char **argv)
{
    Options options;
    if (!parse(argc, argv, options)) {
        std::fprintf(stderr,
                     "usage: bench_fanout_floor [--devices N] [--rate PER_S] [--seconds S]\n"
                     "       [--frame-bytes B] [--commit-us U] [--warmup S]\n");
        return 2;
    }
    raiseFileLimit(options.devices + 64);

    const int listener = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        listen(listener, 4096) != 0 ||
        getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length) != 0)
        fail("listen");
    const uint16_t port = ntohs(address.sin_port);

    int pipeFds[2];
    if (pipe(pipeFds) != 0)
        fail("pipe");
    const pid_t child = fork();
    if (child < 0)
        fail("fork");
    if (child == 0) {
        ::close(listener);
        ::close(pipeFds[0]);
        ReceiverResult result = receive(options, port);
        std::sort(result.latencyUs.begin(), result.latencyUs.end());
        char line[512];
        const int size = std::snprintf(
            line, sizeof line,
            "\"deliveries\":%zu,\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"p999Ms\":%.3f,\"maxMs\":%.3f,"
            "\"receiverCpuCores\":%.3f",
            result.latencyUs.size(), percentileMs(result.latencyUs, 0.5),
            percentileMs(result.latencyUs, 0.99), percentileMs(result.latencyUs, 0.999),
            result.latencyUs.empty() ? 0.0 : double(result.latencyUs.back()) / 1000.0,
            result.cpuCores);
        writeAll(pipeFds[1], line, size_t(size));
        ::close(pipeFds[1]);
        std::_Exit(0);
    }
    ::close(pipeFds[1]);
    const SenderResult sent = send(options, listener);
    std::string received;
    char chunk[512];
    for (ssize_t n; (n = ::read(pipeFds[0], chunk, sizeof chunk)) > 0;)
        received.append(chunk, size_t(n));
    int status = 0;
    waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || received.empty()) {
        std::fprintf(stderr, "bench_fanout_floor: the receiver failed\n");
        return 1;
    }
    std::printf("{\"benchmark\":\"fanout_floor\",\"devices\":%d,\"ratePerS\":%.0f,"
                "\"frameBytes\":%d,\"commitUs\":%d,\"senderThreads\":%d,\"seconds\":%.1f,"
                "\"roundsPerS\":%.1f,"
                "\"senderCpuCores\":%.3f,%s}\n",
                options.devices, options.rate, options.frameBytes, options.commitUs,
                options.senderThreads, options.seconds, sent.rounds, sent.cpuCores,
                received.c_str());
    return 0;
}
