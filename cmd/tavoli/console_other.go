//go:build !windows

package main

// attachConsole has nothing to do outside Windows: a program started from a terminal prints to it.
func attachConsole() {}
