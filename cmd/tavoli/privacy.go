package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/tavoli/tavoli/app/i18n"
	docs "github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// erase erases a person's personal data (GDPR art. 17): tavoli erase person ID. --dry-run says what it
// would do. Approved verbali keep the names they had.
func (c *cli) erase(ctx context.Context, rest []string) int {
	if len(rest) != 2 || !personWord(rest[0]) || strings.TrimSpace(rest[1]) == "" {
		return c.usage("cli.erase_usage", nil)
	}
	mode := existing
	if c.opt.dryRun {
		mode = readOnly
	}
	st, err := c.open(ctx, mode)
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	pre, err := st.ErasurePreview(ctx, rest[1])
	if err != nil {
		return c.fail(err)
	}
	if pre.Person.Erased() {
		fmt.Fprintln(c.stdout, i18n.L("cli.erase.already", map[string]any{"name": pre.Person.FullName(),
			"day": italian.Day(pre.Person.ErasedAt)}))
		return exitOK
	}
	after := pre.Person.Erase(pre.Person.Updated, pre.Traced).FullName()
	args := map[string]any{"name": pre.Person.FullName(), "after": after, "count": len(pre.Approved),
		"sessions": strings.Join(pre.Approved, "; ")}
	if c.opt.dryRun {
		fmt.Fprintln(c.stdout, i18n.L("cli.erase.preview", args))
		c.openTexts(pre)
		return exitOK
	}
	res, err := st.ErasePerson(ctx, rest[1])
	if err != nil {
		return c.fail(err)
	}
	if c.opt.json {
		return c.writeJSON(res)
	}
	fmt.Fprintln(c.stdout, i18n.L("cli.erase.done", args))
	c.openTexts(pre)
	if res.Pending {
		fmt.Fprintln(c.stdout, i18n.L("cli.erase.pending"))
	}
	return exitOK
}

// openTexts names the open sessions whose texts mention the person, for the secretary to reread.
func (c *cli) openTexts(pre data.ErasurePreview) {
	if len(pre.OpenTexts) > 0 {
		fmt.Fprintln(c.stdout, i18n.L("cli.erase.open_texts", map[string]any{"sessions": strings.Join(pre.OpenTexts, "; ")}))
	}
}

// personWord is "person" in the words the command takes.
func personWord(w string) bool {
	switch strings.ToLower(w) {
	case "person", "persona", "people", "persone":
		return true
	}
	return false
}

// exportPersona writes what is held on a person (GDPR art. 15): tavoli export persona --person ID
// -o FILE.pdf, or FILE.json; --json without -o prints the JSON.
func (c *cli) exportPersona(ctx context.Context) int {
	if strings.TrimSpace(c.opt.person) == "" || (c.opt.output == "" && !c.opt.json) {
		return c.usage("cli.export_persona_needs", nil)
	}
	st, err := c.open(ctx, readOnly)
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	r, err := st.PersonRecord(ctx, c.opt.person)
	if err != nil {
		return c.fail(err)
	}
	if c.opt.output == "" {
		return c.writeJSON(r)
	}
	var b []byte
	if strings.EqualFold(filepath.Ext(c.opt.output), ".json") {
		b, err = json.MarshalIndent(r, "", "  ")
		b = append(b, '\n')
	} else {
		b, err = docs.Persona(r)
	}
	if err != nil {
		return c.fail(err)
	}
	return c.write(b)
}
