package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/csvimport"
)

// importCmd is "tavoli import people FILE.csv": the columns are recognised from the header; the whole
// file is imported or, when any row is wrong, nothing. --dry-run shows what would happen.
func (c *cli) importCmd(ctx context.Context, rest []string) int {
	if len(rest) != 2 || (strings.ToLower(rest[0]) != "people" && strings.ToLower(rest[0]) != "persone") {
		return c.usage("cli.import_usage", nil)
	}
	f, err := os.Open(rest[1])
	if err != nil {
		return c.fail(data.Errorf(data.ENotFound, "err.file.open", "path", rest[1]).Wrap(err))
	}
	defer f.Close()
	t, err := csvimport.Read(f, rest[1])
	if err != nil {
		return c.fail(err)
	}
	rows, err := t.People(csvimport.Guess(t.Header))
	if err != nil {
		return c.fail(err)
	}
	st, err := c.open(ctx, existing)
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	rep, err := st.ImportPeople(ctx, rows, data.ImportOptions{Apply: !c.opt.dryRun})
	if err != nil {
		return c.fail(err)
	}
	if c.opt.json {
		return c.writeJSON(rep)
	}
	key := "cli.import_done"
	if c.opt.dryRun {
		key = "cli.import_preview"
	}
	fmt.Fprintln(c.stdout, lang.L(key, map[string]any{"file": rest[1], "encoding": t.Encoding,
		"new": rep.New, "updated": rep.Updated, "unchanged": rep.Unchanged, "duplicates": rep.Duplicates,
		"organisations": rep.NewOrganisations}))
	for _, r := range rep.Rows {
		if len(r.Flags) == 0 {
			continue
		}
		var notes []string
		for _, fl := range r.Flags {
			notes = append(notes, lang.L("import.flag."+string(fl), map[string]any{"comune": r.Comune}))
		}
		fmt.Fprintln(c.stdout, lang.L("cli.import_flagged", map[string]any{"line": r.Line, "name": r.FullName,
			"notes": strings.Join(notes, "; ")}))
	}
	return exitOK
}
