// Preloaded ahead of libfaketime in loaxad's clock-step test: the timerfd calls go straight to
// the kernel. libfaketime 0.9.10 rewrites every absolute timerfd deadline as if the timer ran on
// the wall clock, even with FAKETIME_DONT_FAKE_MONOTONIC (it cannot tell a timer's clock from
// its fd: libfaketime issues #378, #431). Asio's reactor arms its CLOCK_MONOTONIC timerfd with
// the absolute time 1 ns when a timer is already due; once the faked wall clock is 41 minutes
// ahead, libfaketime turns that into a time before boot, the kernel refuses it (EINVAL), the
// timer is never armed and loaxad's loop waits for ever. A real step of the wall clock leaves
// the monotonic clock, and so these deadlines, alone.
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <unistd.h>

extern "C" {

int timerfd_settime(int fd, int flags, const struct itimerspec* new_value, struct itimerspec* old_value) {
  return static_cast<int>(::syscall(SYS_timerfd_settime, fd, flags, new_value, old_value));
}

int timerfd_gettime(int fd, struct itimerspec* curr_value) {
  return static_cast<int>(::syscall(SYS_timerfd_gettime, fd, curr_value));
}

}  // extern "C"
