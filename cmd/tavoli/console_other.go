//go:build !windows

package main

// attachConsole and detachConsole have nothing to do outside Windows: a program started from a terminal
// prints to it, and its window is its own.
func attachConsole() {}
func detachConsole() {}
