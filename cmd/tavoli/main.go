// Command tavoli runs the governance tables of a Piano di Zona: without arguments it opens the
// window; with a command (version, demo, list, import, export, tally, bundle) it works on the database
// from the terminal.
package main

import (
	"context"
	"os"
)

// version is the program's version, printed by "tavoli version" and shown in the window.
const version = "0.1.0"

func main() {
	attachConsole()
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr, startGUI))
}
