package main

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// tally is "tavoli tally FILE.json": it recounts a ballot file and prints the result as JSON. Schede
// nulle are part of the result, so they still exit 0; a file that cannot be counted prints nothing on
// stdout and says why on stderr. No database is opened.
func (c *cli) tally(rest []string) int {
	if len(rest) != 1 {
		return c.usage("cli.tally_usage", nil)
	}
	b, err := os.ReadFile(rest[0])
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return c.fail(data.Errorf(data.ENotFound, "err.file.open", "path", rest[0]).Wrap(err))
	case err != nil:
		return c.fail(data.Errorf(data.EInternal, "err.file.read", "path", rest[0]).Wrap(err))
	}
	count, err := vote.ParseFile(b)
	if err != nil {
		return c.fail(err)
	}
	r, err := vote.Tally(count)
	if err != nil {
		return c.fail(err)
	}
	// Labels and reasons are printed as written: "Casa & lavoro", not "Casa \u0026 lavoro".
	enc := json.NewEncoder(c.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return c.fail(data.Errorf(data.EInternal, "err.cli.output").Wrap(err))
	}
	return exitOK
}
