#ifndef FG_SPAWN_H
#define FG_SPAWN_H
// posix_spawn for the tests' child processes, as Swift sees it. Every descriptor above 2 is
// closed in the child by posix_spawn_file_actions_addclosefrom_np (close_range(2) on Linux),
// which Swift's Glibc module does not import (it needs _GNU_SOURCE). Foundation's Process
// emulates the same by scanning /proc/self/fd in the parent, which reads past glibc's directory
// buffer once 1,354 or more descriptors are open; nothing here reads /proc.
#include <sys/types.h>

/// Starts `path` with `argv` and `envp` (both NULL-terminated), its standard input, output and
/// error duplicated from the three descriptors given, every other descriptor closed, and every
/// signal at its default with none blocked. Returns 0 and sets `*pid`, or an errno value (an
/// executable that cannot be run is reported here, not by the child's exit status).
int fg_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[],
             int stdin_fd, int stdout_fd, int stderr_fd);

/// Blocks until the child `pid` has terminated, without reaping it (its pid cannot be reused
/// until `fg_reap`). Sets `*signalled` to 1 if a signal ended it and `*code` to the signal or
/// the exit status. Returns 0 or an errno value.
int fg_wait_terminated(pid_t pid, int *signalled, int *code);

/// Reaps the terminated child `pid`. Returns 0 or an errno value.
int fg_reap(pid_t pid);

/// A pipe whose two ends are close-on-exec in this process. Returns 0 or an errno value.
int fg_pipe(int fds[2]);
#endif
