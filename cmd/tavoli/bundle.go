package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/tavoli/tavoli/app"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/bundle"
	"github.com/tavoli/tavoli/data/sqlite"
)

// bundleWords maps the words a user may write after "bundle" (English and Italian) to its commands.
var bundleWords = map[string]string{
	"export": "export", "esporta": "export",
	"import": "import", "importa": "import",
	"peers": "peers", "computer": "peers", "dispositivi": "peers",
	"history": "history", "storico": "history", "cronologia": "history",
	"conflicts": "conflicts", "conflitti": "conflicts",
	"restore": "restore", "ripristina": "restore",
	"dismiss": "dismiss", "scarta": "dismiss",
	"dump": "dump", "contenuto": "dump",
}

// bundle is "tavoli bundle COMMAND": the exchange of data between laptops through .tavoli files, and
// the review of what merges set aside.
func (c *cli) bundle(ctx context.Context, rest []string) int {
	if len(rest) == 0 {
		return c.usage("cli.bundle_usage", nil)
	}
	cmd, ok := bundleWords[strings.ToLower(rest[0])]
	if !ok {
		return c.usage("cli.bundle_usage", nil)
	}
	rest = rest[1:]
	switch cmd {
	case "export":
		return c.bundleExport(ctx, rest)
	case "import":
		return c.bundleImport(ctx, rest)
	case "restore", "dismiss":
		return c.bundleResolve(ctx, cmd, rest)
	}
	if len(rest) > 0 {
		return c.usage("cli.extra_words", map[string]any{"words": fmt.Sprint(rest)})
	}
	switch cmd {
	case "peers":
		return c.bundlePeers(ctx)
	case "history":
		return c.bundleHistory(ctx)
	case "dump":
		return c.bundleDump(ctx)
	}
	return c.bundleConflicts(ctx)
}

// passphrase reads the first line of --passphrase-file, without its line end (and the byte-order mark
// Notepad writes). A passphrase is never taken on the command line, where the shell's history and the
// process list would keep it, nor asked for at a prompt, which scripts cannot answer. A file that other
// users of the computer may read gets a warning: whoever reads it opens every bundle made with it.
func (c *cli) passphrase() (string, error) {
	b, err := os.ReadFile(c.opt.passFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", data.Errorf(data.ENotFound, "err.file.open", "path", c.opt.passFile).Wrap(err)
	case err != nil:
		return "", data.Errorf(data.EInternal, "err.file.read", "path", c.opt.passFile).Wrap(err)
	}
	line, _, _ := strings.Cut(string(bytes.TrimPrefix(b, []byte("\ufeff"))), "\n")
	line = strings.TrimSuffix(line, "\r")
	if line == "" {
		return "", data.Errorf(data.EInvalid, "cli.bundle_passphrase_empty", "path", c.opt.passFile)
	}
	if fi, err := os.Stat(c.opt.passFile); err == nil && openToOthers(fi) {
		fmt.Fprintln(c.stderr, "tavoli: "+lang.L("cli.bundle_passphrase_open", map[string]any{"path": c.opt.passFile}))
	}
	return line, nil
}

// openToOthers reports whether a file's permissions give other users of the computer any access to
// it. Windows grants access through ACLs, which Go's permission bits do not show (every file there
// looks readable by all), so on Windows it reports nothing rather than a warning that is always there.
func openToOthers(fi fs.FileInfo) bool {
	return runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0
}

// bundleExport is "tavoli bundle export -o FILE": the changes made here since the previous export
// (--all: every record; --for PEER: since the last bundle for that installation), encrypted with the
// passphrase of --passphrase-file unless --no-encryption says otherwise. The file is written whole or
// not at all.
func (c *cli) bundleExport(ctx context.Context, rest []string) int {
	switch {
	case len(rest) > 0:
		return c.usage("cli.extra_words", map[string]any{"words": fmt.Sprint(rest)})
	case c.opt.output == "":
		return c.usage("cli.bundle_export_needs", nil)
	case c.opt.all && c.opt.forPeer != "":
		return c.usage("cli.bundle_all_for", nil)
	case c.opt.passFile != "" && c.opt.noEncryption:
		return c.usage("cli.bundle_two_protections", nil)
	case c.opt.passFile == "" && !c.opt.noEncryption:
		return c.usage("cli.bundle_choose_protection", map[string]any{"n": bundle.MinPassphrase})
	}
	opt := sqlite.ExportOptions{Everything: c.opt.all, Peer: c.opt.forPeer, NoEncryption: c.opt.noEncryption}
	if c.opt.passFile != "" {
		p, err := c.passphrase()
		if err != nil {
			if e := data.AsError(err); e != nil && e.Key == "cli.bundle_passphrase_empty" {
				err = e.Wrap(data.Errorf(data.EInvalid, bundle.KeyPassphraseChoose))
			}
			return c.fail(err)
		}
		// The window's rule, before the database is opened: a bundle is encrypted with this passphrase.
		if err := bundle.CheckPassphrase(p); err != nil {
			fmt.Fprintln(c.stderr, "tavoli: "+app.Explain(err)+" "+
				lang.L("cli.bundle_passphrase_change", map[string]any{"path": c.opt.passFile}))
			return exitError
		}
		opt.Passphrase = p
	}
	st, err := c.open(ctx, existing)
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	if sameFile(c.opt.output, st.Path()) {
		// The bundle would be renamed over the open database.
		return c.fail(data.Errorf(data.EInvalid, "cli.bundle_output_is_db", "path", c.opt.output))
	}
	ex, err := st.ExportFile(ctx, c.opt.output, opt)
	if err != nil {
		if e := data.AsError(err); e != nil && e.Key == "err.exchange.peer_unknown" {
			return c.failHint(err, "cli.bundle_peers_hint")
		}
		return c.fail(err)
	}
	if !ex.Encrypted {
		fmt.Fprintln(c.stderr, "tavoli: "+lang.L("cli.bundle_unencrypted", map[string]any{"path": c.opt.output}))
	}
	if c.opt.json {
		return c.writeJSON(exchangeJSON(ex))
	}
	fmt.Fprintln(c.stdout, lang.L("cli.bundle_exported", map[string]any{"path": c.opt.output}))
	peer := map[string]any{"name": peerLabel(ex.PeerName, ex.Peer)}
	content := lang.L("cli.bundle_content_changes")
	switch {
	case ex.Everything && c.opt.all:
		content = lang.L("cli.bundle_content_all")
	case ex.Everything && ex.Peer != "":
		content = lang.L("cli.bundle_content_first_for", peer)
	case ex.Everything:
		content = lang.L("cli.bundle_content_first")
	case ex.Peer != "":
		content = lang.L("cli.bundle_content_changes_for", peer)
	}
	to := lang.L("cli.bundle_for_anyone")
	if ex.Peer != "" {
		to = lang.L("cli.bundle_device", map[string]any{"name": peerLabel(ex.PeerName, ex.Peer), "device": ex.Peer})
	}
	c.fields([][2]string{
		{lang.L("cli.bundle_label_records"), fmt.Sprint(ex.Records)},
		{lang.L("cli.bundle_label_content"), content},
		{lang.L("cli.bundle_label_for"), to},
		{lang.L("cli.bundle_label_encrypted"), yesNo(ex.Encrypted)},
		{"SHA-256", ex.SHA256},
	})
	if ex.Records == 0 {
		fmt.Fprintln(c.stdout, lang.L("cli.bundle_export_empty"))
	}
	return exitOK
}

// bundleImport is "tavoli bundle import FILE": it reads and verifies the whole bundle, shows what
// merging it would do, and then merges it in one transaction (--dry-run: only the preview). A bundle
// of another Ambito is merged only with --other-ambito.
func (c *cli) bundleImport(ctx context.Context, rest []string) int {
	if len(rest) != 1 {
		return c.usage("cli.bundle_import_usage", nil)
	}
	path := rest[0]
	pass := ""
	// Any passphrase is tried, however short: the rule is for making bundles, and one made before it
	// (the command line took a single letter) must still open. A wrong one is refused by the reader.
	if c.opt.passFile != "" {
		p, err := c.passphrase()
		if err != nil {
			return c.fail(err)
		}
		pass = p
	}
	in, err := sqlite.ReadBundleFile(path, pass)
	if err != nil {
		if e := data.AsError(err); e != nil && e.Key == bundle.KeyPassphraseRequired {
			return c.failHint(err, "cli.bundle_passphrase_hint")
		}
		return c.fail(err)
	}
	// A bundle of everything may start a new database: a laptop receiving the district. The database is
	// built aside and appears only when the bundle went in, so a refusal, a mistyped path or a killed
	// import leaves nothing behind.
	if !c.opt.dryRun && in.Header.Since == 0 {
		if p, err := c.dbPath(); err == nil {
			if abs, isNew := missing(p); isNew {
				code, report := exitOK, func() int { return exitOK }
				err := c.openNew(ctx, abs, func(st *sqlite.Store) error {
					if code, report = c.mergeBundle(ctx, st, path, in); code != exitOK {
						return errDiscard
					}
					return nil
				})
				if err != nil && !errors.Is(err, errDiscard) {
					return c.fail(err)
				}
				if code != exitOK {
					return code
				}
				return report() // only now is the new database in place
			}
		}
	}
	st, err := c.open(ctx, existing)
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	code, report := c.mergeBundle(ctx, st, path, in)
	if code != exitOK {
		return code
	}
	return report()
}

// mergeBundle shows what merging the bundle read from path into st would do, then merges it (--dry-run:
// only the preview). It returns the exit code of a failure, or exitOK and what reports the import, to
// call once the import is there to stay.
func (c *cli) mergeBundle(ctx context.Context, st *sqlite.Store, path string, in *sqlite.Incoming) (int, func() int) {
	preview, err := st.MergeBundle(ctx, in, sqlite.ImportOptions{DryRun: true, OtherAmbito: c.opt.otherAmbito})
	if err != nil {
		return c.fail(err), nil
	}
	if !c.opt.json {
		c.printPreview(ctx, st, path, preview)
	}
	if c.opt.dryRun {
		return exitOK, func() int {
			if c.opt.json {
				return c.writeJSON(bundleImportJSON(path, preview))
			}
			key := "cli.bundle_dry_run"
			if preview.OtherAmbito && !c.opt.otherAmbito {
				key = "cli.bundle_dry_run_other_ambito"
			}
			fmt.Fprintln(c.stdout, lang.L(key))
			return exitOK
		}
	}
	res, err := st.MergeBundle(ctx, in, sqlite.ImportOptions{OtherAmbito: c.opt.otherAmbito, File: path})
	if err != nil {
		if c.opt.json {
			c.writeJSON(bundleImportJSON(path, preview))
		}
		if e := data.AsError(err); e != nil && e.Key == "err.exchange.other_ambito" {
			return c.failHint(err, "cli.bundle_other_ambito_hint"), nil
		}
		return c.fail(err), nil
	}
	return exitOK, func() int {
		if c.opt.json {
			return c.writeJSON(bundleImportJSON(path, res))
		}
		t := res.Total()
		fmt.Fprintln(c.stdout, lang.L("cli.bundle_imported", map[string]any{"file": path, "new": t.New,
			"updated": t.Updated, "deleted": t.Deleted, "conflicts": t.Conflicts, "locked": t.Locked, "unchanged": t.Unchanged}))
		if aside := t.Conflicts + t.Locked; aside > 0 {
			fmt.Fprintln(c.stdout, lang.N("cli.bundle_review", aside, map[string]any{"n": aside}))
		}
		return exitOK
	}
}

// printPreview describes a bundle and what merging it does, kind by kind.
func (c *cli) printPreview(ctx context.Context, st *sqlite.Store, path string, r data.ImportResult) {
	fmt.Fprintln(c.stdout, lang.L("cli.bundle_preview", map[string]any{"path": path}))
	ambito := r.AmbitoName
	if r.OtherAmbito {
		here := ""
		if a, err := st.Ambito(ctx); err == nil {
			here = a.Name
		}
		ambito = lang.L("cli.bundle_other_ambito", map[string]any{"name": r.AmbitoName, "here": here})
	}
	content := lang.L("cli.bundle_content_sender_all")
	if !r.Everything {
		content = lang.L("cli.bundle_content_sender_changes")
	}
	rows := [][2]string{
		{lang.L("cli.bundle_label_sender"), lang.L("cli.bundle_device", map[string]any{
			"name": peerLabel(r.SenderName, r.Sender), "device": r.Sender})},
		{lang.L("cli.bundle_label_ambito"), ambito},
		{lang.L("cli.bundle_label_created"), dateTime(r.Created)},
		{lang.L("cli.bundle_label_content"), content},
		{lang.L("cli.bundle_label_records"), fmt.Sprint(r.Records)},
		{lang.L("cli.bundle_label_encrypted"), yesNo(r.Encrypted)},
	}
	if r.Seen {
		rows = append(rows, [2]string{lang.L("cli.bundle_label_seen"), lang.L("cli.bundle_seen")})
	}
	c.fields(rows)
	fmt.Fprintln(c.stdout)
	if len(r.Kinds) == 0 {
		fmt.Fprintln(c.stdout, lang.L("cli.bundle_no_records"))
		return
	}
	var table [][]string
	row := func(cells ...any) {
		s := make([]string, len(cells))
		for i, v := range cells {
			s[i] = fmt.Sprint(v)
		}
		table = append(table, s)
	}
	row(lang.L("cli.bundle_col_in_bundle"), lang.L("cli.bundle_col_new"), lang.L("cli.bundle_col_updated"),
		lang.L("cli.bundle_col_deleted"), lang.L("cli.bundle_col_conflicts"), lang.L("cli.bundle_col_locked"),
		lang.L("cli.bundle_col_unchanged"))
	for _, k := range r.Kinds {
		n := k.Writes() + k.Unchanged
		row(lang.N("kind."+string(k.Kind), n, map[string]any{"n": n}), k.New, k.Updated, k.Deleted, k.Conflicts,
			k.Locked, k.Unchanged)
	}
	t := r.Total()
	row(lang.L("cli.bundle_total", map[string]any{"n": r.Records}), t.New, t.Updated, t.Deleted, t.Conflicts,
		t.Locked, t.Unchanged)
	c.table(table)
	for _, j := range r.Joined {
		fmt.Fprintln(c.stdout, lang.L("exchange.import.joined."+string(j.Kind), map[string]any{"name": j.LoserName,
			"into": j.SurvivorName}))
	}
	if len(r.Revived) > 0 {
		n := map[data.Kind]int{}
		for _, x := range r.Revived {
			n[x.Kind]++
		}
		var parts []string
		for _, k := range data.SyncKinds {
			if n[k] > 0 {
				parts = append(parts, lang.N("kind."+string(k), n[k], map[string]any{"n": n[k]}))
			}
		}
		fmt.Fprintln(c.stdout, lang.L("cli.bundle_revived", map[string]any{"what": strings.Join(parts, ", ")}))
	}
	fmt.Fprintln(c.stdout)
}

// fields prints label and value pairs, indented and aligned.
func (c *cli) fields(rows [][2]string) {
	w := tabwriter.NewWriter(c.stdout, 2, 4, 2, ' ', 0)
	for _, r := range rows {
		fmt.Fprintln(w, "  "+r[0]+"\t"+r[1])
	}
	w.Flush()
}

// failHint is fail with a sentence that says how to do it from the command line.
func (c *cli) failHint(err error, hint string) int {
	fmt.Fprintln(c.stderr, "tavoli: "+app.Explain(err)+" "+lang.L(hint))
	return exitError
}

// sameFile reports whether two paths name the same file, or would once the first is written.
func sameFile(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(ia, ib)
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}

// yesNo is «sì» or «no».
func yesNo(b bool) string {
	if b {
		return lang.L("cli.yes")
	}
	return lang.L("cli.no")
}

// dateTime writes a moment as lists do, in the Ambito's time zone: 12/03/2027 15:00.
func dateTime(t time.Time) string {
	if t.IsZero() {
		return lang.L("cli.bundle_never")
	}
	return t.In(data.Zone).Format("02/01/2006 15:04")
}

// isoTime writes a moment for JSON, in the Ambito's time zone with its offset; "" when unknown.
func isoTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(data.Zone).Format(time.RFC3339)
}

// peerLabel is an installation's operator or computer, or its device id when neither is known.
func peerLabel(name, device string) string {
	if name != "" {
		return name
	}
	return device
}
