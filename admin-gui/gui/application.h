#pragma once

namespace seneschal::admingui {

// seneschal-admin without --cli: the graphical console. Parses the command
// line (--help, --version, --server, --user, --ca-file, --pin, --language),
// loads the translation, shows the main window and the connect dialog, and
// runs the event loop.
int runApplication(int &argc, char **argv);

} // namespace seneschal::admingui
