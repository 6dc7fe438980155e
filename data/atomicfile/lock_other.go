//go:build !windows && !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package atomicfile

import "os"

// guard has no advisory lock to take here.
func guard(*os.File) {}

// abandoned cannot tell a running writer's file from a dead one's here, so leftovers stay.
func abandoned(string) bool { return false }
