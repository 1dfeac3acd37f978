// A stand-in for seneschal-admin.exe in the installer check: the installer
// only needs a file to install and a Start-menu entry to point at.
#include <cstdio>

int wmain()
{
    std::printf("seneschal-admin (stand-in)\n");
    return 0;
}
