#include "secretreader.h"

#include <QtGlobal>
#include <iostream>
#include <string>

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

namespace seneschal::admincli {

namespace {

#ifdef Q_OS_UNIX
// Turns the terminal's echo off for as long as it lives.
class EchoOff
{
public:
    EchoOff()
    {
        if (tcgetattr(STDIN_FILENO, &m_saved) != 0)
            return;
        termios quiet = m_saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        m_active = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    ~EchoOff()
    {
        if (m_active)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
    }
    EchoOff(const EchoOff &) = delete;
    EchoOff &operator=(const EchoOff &) = delete;

private:
    termios m_saved{};
    bool m_active = false;
};
#endif

} // namespace

SecretReader::SecretReader(QTextStream &prompts)
    : m_prompts(prompts)
{
#ifdef Q_OS_UNIX
    m_terminal = isatty(STDIN_FILENO) == 1;
#endif
}

std::optional<QString> SecretReader::readLine(const QString &prompt)
{
    std::string line;
    bool read = false;
    if (m_terminal) {
        m_prompts << prompt << Qt::flush;
#ifdef Q_OS_UNIX
        EchoOff echoOff;
#endif
        read = bool(std::getline(std::cin, line));
        m_prompts << Qt::endl; // the Enter the terminal did not echo
    } else {
        read = bool(std::getline(std::cin, line));
    }
    if (!read)
        return std::nullopt;
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return QString::fromStdString(line);
}

} // namespace seneschal::admincli
