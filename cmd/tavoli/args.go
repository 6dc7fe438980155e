package main

import (
	"flag"
	"strings"
)

// parseAnywhere parses fs's flags wherever they stand among the words: users and scripts write
// "tavoli list comuni --db X --json" as often as "tavoli --db X list comuni". Go's flag package stops at
// the first word, so parsing resumes after each one. "--" ends the flags.
func parseAnywhere(fs *flag.FlagSet, args []string) ([]string, error) {
	var words []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return words, nil
		}
		// fs.Parse consumed a "--" if rest follows one: everything after it is words.
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(words, rest...), nil
		}
		words = append(words, rest[0])
		args = rest[1:]
	}
}

// isHelp reports whether a word asks for help.
func isHelp(w string) bool {
	switch strings.ToLower(w) {
	case "help", "aiuto", "-h", "--help", "-help":
		return true
	}
	return false
}
