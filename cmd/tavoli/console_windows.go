//go:build windows

package main

import (
	"os"
	"syscall"
)

// attachParent is ATTACH_PARENT_PROCESS: the console of the process that started this one.
const attachParent = ^uint32(0)

var kernel32 = syscall.NewLazyDLL("kernel32.dll")

// attachConsole gives the command line somewhere to print. tavoli.exe is linked as a window program
// (-H windowsgui) so that starting it from the Start menu or a .tavoli file opens no black console
// window; the price is that Windows gives such a program no standard output, and "tavoli list" typed in
// cmd.exe or PowerShell would print nothing. When the output has nowhere to go, the program joins the
// console of the terminal it was typed in, if there is one. What is redirected (tavoli list > elenco.txt,
// a pipe) keeps its destination.
//
// Go made os.Stdout and os.Stderr from the handles the process started with, before this runs: the
// ones that were missing then are replaced by the console's, whatever AttachConsole set meanwhile.
func attachConsole() {
	out, errOut, in := hasStd(syscall.STD_OUTPUT_HANDLE), hasStd(syscall.STD_ERROR_HANDLE), hasStd(syscall.STD_INPUT_HANDLE)
	if out && errOut {
		return
	}
	attach := kernel32.NewProc("AttachConsole")
	if attach.Find() != nil {
		return
	}
	if ok, _, _ := attach.Call(uintptr(attachParent)); ok == 0 {
		return // started from the Start menu or the file manager: no terminal to print to
	}
	if !out {
		if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
			os.Stdout = f
		}
	}
	if !errOut {
		if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
			os.Stderr = f
		}
	}
	if !in {
		if f, err := os.OpenFile("CONIN$", os.O_RDONLY, 0); err == nil {
			os.Stdin = f
		}
	}
}

// detachConsole leaves the terminal the program was typed in before the window opens: the terminal has
// its prompt back already (it does not wait for a window program), and a Ctrl+C typed there later for
// something else must not close Tavoli.
func detachConsole() {
	if free := kernel32.NewProc("FreeConsole"); free.Find() == nil {
		free.Call()
	}
}

// hasStd tells whether the process has a standard handle of this kind (a console, file or pipe).
func hasStd(kind int) bool {
	h, err := syscall.GetStdHandle(kind)
	return err == nil && h != 0 && h != syscall.InvalidHandle
}
