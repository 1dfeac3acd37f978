#pragma once

#include <QString>
#include <QTextStream>
#include <optional>

namespace seneschal::admincli {

// Reads passwords from stdin, one line each: from a terminal with a prompt on
// stderr and without echo, from a pipe as they come. Secrets are never
// arguments, so they stay out of `ps` and the shell's history.
class SecretReader
{
public:
    explicit SecretReader(QTextStream &prompts);

    // The next line without its line end; nullopt at the end of the input.
    std::optional<QString> readLine(const QString &prompt);
    bool isTerminal() const { return m_terminal; }

private:
    QTextStream &m_prompts;
    bool m_terminal = false;
};

} // namespace seneschal::admincli
