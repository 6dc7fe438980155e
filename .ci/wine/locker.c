/* locker holds a file open as a PDF viewer does (Acrobat Reader: reading, others may only read), so that
 * the smoke test can try to replace it. It prints "locked" once the file is open and keeps it open until
 * its standard input is closed. A test tool only, never shipped. */
#include <windows.h>
#include <stdio.h>

int wmain(int argc, wchar_t **argv) {
  char line[16];
  HANDLE h;
  if (argc != 2) {
    fprintf(stderr, "usage: locker FILE\n");
    return 2;
  }
  h = CreateFileW(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
  if (h == INVALID_HANDLE_VALUE) {
    fprintf(stderr, "locker: cannot open the file (error %lu)\n", GetLastError());
    return 1;
  }
  printf("locked\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin) != NULL) {
  }
  CloseHandle(h);
  return 0;
}
