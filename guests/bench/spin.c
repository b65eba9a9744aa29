/* Runs for ever without a system call: the one runnable thread of the tick benchmarks. */
#include "start.h"

void _start(void)
{
    volatile unsigned long counter = 0;
    for (;;)
        counter++;
}
