package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/csvimport"
	"github.com/tavoli/tavoli/data/italian"
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
	key, progress := "cli.import_done", "cli.import_progress"
	if c.opt.dryRun {
		key, progress = "cli.import_preview", "cli.import_progress_preview"
	}
	rep, err := st.ImportPeople(ctx, rows, data.ImportOptions{Apply: !c.opt.dryRun, Progress: c.progress(progress)})
	if err != nil {
		return c.fail(err)
	}
	if c.opt.json {
		return c.writeJSON(rep)
	}
	fmt.Fprintln(c.stdout, i18n.L(key, map[string]any{"file": rest[1], "encoding": t.Encoding,
		"new": rep.New, "updated": rep.Updated, "unchanged": rep.Unchanged, "duplicates": rep.Duplicates,
		"organisations": rep.NewOrganisations}))
	for _, r := range rep.Rows {
		if len(r.Flags) == 0 {
			continue
		}
		var notes []string
		for _, fl := range r.Flags {
			notes = append(notes, i18n.L("import.flag."+string(fl), map[string]any{"comune": r.Comune}))
		}
		fmt.Fprintln(c.stdout, i18n.L("cli.import_flagged", map[string]any{"line": r.Line, "name": r.FullName,
			"notes": strings.Join(notes, "; ")}))
	}
	return exitOK
}

// progressEvery is how many rows pass between two progress lines: a large file says how far it has got
// about twice a second, and a file smaller than that, done at once, says nothing.
const progressEvery = 5000

// progress writes the sentence key on stderr, every progressEvery rows and after the last, with the rows
// done and the total. Stdout stays for the report, which --json makes a program's input.
func (c *cli) progress(key string) func(done, total int) {
	return func(done, total int) {
		if total < progressEvery || (done%progressEvery != 0 && done != total) {
			return
		}
		fmt.Fprintln(c.stderr, i18n.L(key, map[string]any{"done": italian.Int(done), "total": italian.Int(total)}))
	}
}
