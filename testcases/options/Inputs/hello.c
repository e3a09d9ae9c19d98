/* A correct program: prints a line and exits 0. */
#include <stdio.h>
int main(void) {
  puts("hello");
  return 0;
}
