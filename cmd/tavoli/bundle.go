package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/mattn/go-isatty"

	"github.com/tavoli/tavoli/app/i18n"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/atomicfile"
	"github.com/tavoli/tavoli/data/bundle"
	"github.com/tavoli/tavoli/data/italian"
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
		return "", data.Errorf(data.EPassphrase, "cli.bundle_passphrase_empty", "path", c.opt.passFile)
	}
	if fi, err := os.Stat(c.opt.passFile); err == nil && openToOthers(fi) {
		fmt.Fprintln(c.stderr, "tavoli: "+i18n.L("cli.bundle_passphrase_open", map[string]any{"path": c.opt.passFile}))
	}
	return line, nil
}

// openToOthers reports whether a file's permissions give other users of the computer any access to
// it. Windows grants access through ACLs, which Go's permission bits do not show (every file there
// looks readable by all), so on Windows it reports nothing rather than a warning that is always there.
func openToOthers(fi fs.FileInfo) bool {
	return runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0
}

// bundleExport is "tavoli bundle export -o FILE": the changes the known peers have not acknowledged
// holding (--all: every record; --for PEER: what that installation has not acknowledged), encrypted
// with the passphrase of --passphrase-file unless --no-encryption says otherwise. The file is written
// whole or not at all, and an existing file is replaced only when the user says so (--force, or a
// yes at the terminal).
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
	opt := bundle.ExportOptions{Everything: c.opt.all, Peer: c.opt.forPeer, NoEncryption: c.opt.noEncryption}
	if c.opt.passFile != "" {
		p, err := c.passphrase()
		if err != nil {
			if data.IsCode(err, data.EPassphrase) { // the file is empty
				err = data.AsError(err).Wrap(data.Errorf(data.EInvalid, bundle.KeyPassphraseChoose))
			}
			return c.fail(err)
		}
		// The window's rule, before the database is opened: a bundle is encrypted with this passphrase.
		if err := bundle.CheckPassphrase(p); err != nil {
			fmt.Fprintln(c.stderr, "tavoli: "+i18n.Explain(err)+" "+
				i18n.L("cli.bundle_passphrase_change", map[string]any{"path": c.opt.passFile}))
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
	if code, ok := c.mayReplace(c.opt.output); !ok {
		return code
	}
	ex, err := st.ExportFile(ctx, c.opt.output, opt)
	if err != nil {
		if data.IsCode(err, data.EUnknownPeer) {
			return c.failHint(err, "cli.bundle_peers_hint", nil)
		}
		return c.fail(err)
	}
	if !ex.Encrypted {
		fmt.Fprintln(c.stderr, "tavoli: "+i18n.L("cli.bundle_unencrypted", map[string]any{"path": c.opt.output}))
	}
	if c.opt.json {
		return c.writeJSON(exchangeJSON(ex))
	}
	fmt.Fprintln(c.stdout, i18n.L("cli.bundle_exported", map[string]any{"path": c.opt.output}))
	content := windowText(ex, c.opt.all)
	to := i18n.L("cli.bundle_for_anyone")
	if ex.Peer != "" {
		to = i18n.L("cli.bundle_device", map[string]any{"name": peerLabel(ex.PeerName, ex.Peer), "device": ex.Peer})
	}
	c.fields([][2]string{
		{i18n.L("cli.bundle_label_records"), fmt.Sprint(ex.Records)},
		{i18n.L("cli.bundle_label_content"), content},
		{i18n.L("cli.bundle_label_for"), to},
		{i18n.L("cli.bundle_label_encrypted"), yesNo(ex.Encrypted)},
		{"SHA-256", ex.SHA256},
	})
	if ex.Records == 0 {
		fmt.Fprintln(c.stdout, i18n.L("cli.bundle_export_empty"))
	}
	return exitOK
}

// windowText says what an export carries and why it starts where it does: the acknowledgement of the
// peer it was made for, or of the known peer furthest behind.
func windowText(ex data.Exchange, all bool) string {
	from := ex.From
	args := map[string]any{"name": peerLabel(from.Name, from.Device), "file": from.Received.File,
		"sent": dateTime(from.Received.Sent)}
	switch {
	case all:
		return i18n.L("cli.bundle_content_all")
	case from.Device == "":
		return i18n.L("cli.bundle_content_first")
	case ex.Everything:
		return i18n.L("cli.bundle_content_unacknowledged", args)
	case from.Received.File != "":
		return i18n.L("cli.bundle_content_since_file", args)
	}
	return i18n.L("cli.bundle_content_since", args)
}

// mayReplace reports whether the export may write path: nothing is there, --force says so, or the
// user answers yes at the terminal. Otherwise it has said why not, and code is the exit code.
func (c *cli) mayReplace(path string) (code int, ok bool) {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) || c.opt.force {
		return exitOK, true
	}
	if err == nil && st.IsDir() {
		return exitOK, true // the export says it cannot write there
	}
	if stdinIsTerminal() {
		fmt.Fprint(c.stderr, i18n.L("cli.bundle_replace_question", map[string]any{"path": path})+" ")
		answer, _ := bufio.NewReader(stdin).ReadString('\n')
		switch strings.ToLower(strings.TrimSpace(answer)) {
		case "s", "si", "sì", "y", "yes":
			return exitOK, true
		}
		fmt.Fprintln(c.stderr, i18n.L("cli.bundle_not_replaced", map[string]any{"path": path}))
		return exitError, false
	}
	return c.fail(data.Errorf(data.EConflict, "cli.bundle_output_exists", "path", path)), false
}

// stdin is where the command line reads a yes or no; stdinIsTerminal reports whether a person can type
// one there. Tests replace both.
var (
	stdin           io.Reader = os.Stdin
	stdinIsTerminal           = func() bool {
		fd := os.Stdin.Fd()
		return isatty.IsTerminal(fd) || isatty.IsCygwinTerminal(fd) // not /dev/null, a character device too
	}
)

// bundleImport is "tavoli bundle import FILE": it reads and verifies the whole bundle, shows what
// merging it would do, and then merges it in one transaction (--dry-run: only the preview). Where no
// database is yet, a bundle of everything creates it, and a dry run previews it in a database made
// aside and thrown away. A bundle of another Ambito is refused: it goes into a new database (--db).
func (c *cli) bundleImport(ctx context.Context, rest []string) int {
	if len(rest) != 1 {
		return c.usage("cli.bundle_import_usage", nil)
	}
	if c.opt.otherAmbito {
		return c.usage("cli.bundle_other_ambito_flag", nil)
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
		if data.IsCode(err, data.EPassphrase) && pass == "" { // required, not wrong
			return c.failHint(err, "cli.bundle_passphrase_hint", nil)
		}
		return c.fail(err)
	}
	db, err := c.dbPath()
	if err != nil {
		return c.fail(err)
	}
	if abs, isNew := missing(db); isNew {
		return c.importNew(ctx, abs, path, in)
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

// importNew imports a bundle where no database is yet: a new laptop receiving the district, or another
// Ambito's data kept apart. Only a bundle of everything can start a database. It is built aside and
// appears at db only when the bundle went in, so a refusal, a mistyped path or a killed import leaves
// nothing behind; a dry run builds it in a temporary folder and throws it away.
func (c *cli) importNew(ctx context.Context, db, path string, in *bundle.Incoming) int {
	if in.Header.Since > 0 {
		return c.fail(data.Errorf(data.EConflict, "cli.bundle_needs_everything", "path", db,
			"name", peerLabel(in.Header.SenderName, in.Header.Sender)))
	}
	if c.opt.dryRun {
		dir, err := os.MkdirTemp("", "tavoli-anteprima-")
		if err != nil {
			return c.fail(atomicfile.Explain(dir, err))
		}
		defer os.RemoveAll(dir)
		inst, _, err := c.installation()
		if err != nil {
			return c.fail(err)
		}
		st, err := openStore(ctx, inst, filepath.Join(dir, "anteprima.db"), sqlite.Options{Device: inst.DeviceID})
		if err != nil {
			return c.fail(err)
		}
		defer st.Close()
		preview, err := st.MergeBundle(ctx, in, bundle.ImportOptions{DryRun: true})
		if err != nil {
			return c.fail(err)
		}
		if c.opt.json {
			return c.writeJSON(bundleImportJSON(path, preview))
		}
		c.printPreview(ctx, st, path, preview)
		fmt.Fprintln(c.stdout, i18n.L("cli.bundle_dry_run_new", map[string]any{"path": db,
			"command": c.importCommand(path)}))
		return exitOK
	}
	code, report := exitOK, func() int { return exitOK }
	err := c.openNew(ctx, db, func(st *sqlite.Store) error {
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

// importCommand is the command that imports path into this command's database, for advice.
func (c *cli) importCommand(path string) string {
	cmd := "tavoli bundle import " + shellQuote(path)
	if c.opt.db != "" {
		cmd += " --db " + shellQuote(c.opt.db)
	}
	if c.opt.passFile != "" {
		cmd += " --passphrase-file " + shellQuote(c.opt.passFile)
	}
	return cmd
}

// shellQuote quotes a path for advice when it holds what a shell would split or expand.
func shellQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t'\"$`\\*?[]{}()&;|<>!#~") {
		return s
	}
	return `"` + strings.NewReplacer(`"`, `\"`, "$", `\$`, "`", "\\`").Replace(s) + `"`
}

// mergeBundle shows what merging the bundle read from path into st would do, then merges it (--dry-run:
// only the preview). It returns the exit code of a failure, or exitOK and what reports the import, to
// call once the import is there to stay.
func (c *cli) mergeBundle(ctx context.Context, st *sqlite.Store, path string, in *bundle.Incoming) (int, func() int) {
	preview, err := st.MergeBundle(ctx, in, bundle.ImportOptions{DryRun: true})
	if err != nil {
		return c.failImport(err, path, in), nil
	}
	if !c.opt.json {
		c.printPreview(ctx, st, path, preview)
	}
	if c.opt.dryRun {
		return exitOK, func() int {
			if c.opt.json {
				return c.writeJSON(bundleImportJSON(path, preview))
			}
			if preview.OtherAmbito {
				fmt.Fprintln(c.stdout, i18n.L("cli.bundle_dry_run_other_ambito", map[string]any{
					"command": otherAmbitoCommand(path, c.opt.passFile)}))
				return exitOK
			}
			fmt.Fprintln(c.stdout, i18n.L("cli.bundle_dry_run"))
			return exitOK
		}
	}
	res, err := st.MergeBundle(ctx, in, bundle.ImportOptions{File: path})
	if err != nil {
		if c.opt.json {
			c.writeJSON(bundleImportJSON(path, preview))
		}
		return c.failImport(err, path, in), nil
	}
	return exitOK, func() int {
		if c.opt.json {
			return c.writeJSON(bundleImportJSON(path, res))
		}
		t := res.Total()
		fmt.Fprintln(c.stdout, i18n.L("cli.bundle_imported", map[string]any{"file": path, "new": t.New,
			"updated": t.Updated, "deleted": t.Deleted, "conflicts": t.Conflicts, "locked": t.Locked, "unchanged": t.Unchanged}))
		if aside := t.Conflicts + t.Locked; aside > 0 {
			fmt.Fprintln(c.stdout, i18n.N("cli.bundle_review", aside, map[string]any{"n": aside}))
		}
		return exitOK
	}
}

// printPreview describes a bundle and what merging it does, kind by kind.
func (c *cli) printPreview(ctx context.Context, st *sqlite.Store, path string, r data.ImportResult) {
	fmt.Fprintln(c.stdout, i18n.L("cli.bundle_preview", map[string]any{"path": path}))
	ambito := r.AmbitoName
	if r.OtherAmbito {
		here := ""
		if a, err := st.Ambito(ctx); err == nil {
			here = a.Name
		}
		ambito = i18n.L("cli.bundle_other_ambito", map[string]any{"name": r.AmbitoName, "here": here})
	}
	content := i18n.L("cli.bundle_content_sender_all")
	if !r.Everything {
		content = i18n.L("cli.bundle_content_sender_changes")
	}
	rows := [][2]string{
		{i18n.L("cli.bundle_label_sender"), i18n.L("cli.bundle_device", map[string]any{
			"name": peerLabel(r.SenderName, r.Sender), "device": r.Sender})},
		{i18n.L("cli.bundle_label_ambito"), ambito},
		{i18n.L("cli.bundle_label_created"), dateTime(r.Created)},
		{i18n.L("cli.bundle_label_content"), content},
		{i18n.L("cli.bundle_label_records"), fmt.Sprint(r.Records)},
		{i18n.L("cli.bundle_label_encrypted"), yesNo(r.Encrypted)},
	}
	if r.Seen {
		rows = append(rows, [2]string{i18n.L("cli.bundle_label_seen"), i18n.L("cli.bundle_seen")})
	}
	c.fields(rows)
	fmt.Fprintln(c.stdout)
	if len(r.Kinds) == 0 {
		fmt.Fprintln(c.stdout, i18n.L("cli.bundle_no_records"))
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
	row(i18n.L("cli.bundle_col_in_bundle"), i18n.L("cli.bundle_col_new"), i18n.L("cli.bundle_col_updated"),
		i18n.L("cli.bundle_col_deleted"), i18n.L("cli.bundle_col_conflicts"), i18n.L("cli.bundle_col_locked"),
		i18n.L("cli.bundle_col_unchanged"))
	for _, k := range r.Kinds {
		n := k.Writes() + k.Unchanged
		row(i18n.N("kind."+string(k.Kind), n, map[string]any{"n": n}), k.New, k.Updated, k.Deleted, k.Conflicts,
			k.Locked, k.Unchanged)
	}
	t := r.Total()
	row(i18n.L("cli.bundle_total", map[string]any{"n": r.Records}), t.New, t.Updated, t.Deleted, t.Conflicts,
		t.Locked, t.Unchanged)
	c.table(table)
	for _, j := range r.Joined {
		fmt.Fprintln(c.stdout, i18n.L("exchange.import.joined."+string(j.Kind), map[string]any{"name": j.LoserName,
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
				parts = append(parts, i18n.N("kind."+string(k), n[k], map[string]any{"n": n[k]}))
			}
		}
		fmt.Fprintln(c.stdout, i18n.L("cli.bundle_revived", map[string]any{"what": strings.Join(parts, ", ")}))
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
func (c *cli) failHint(err error, hint string, args map[string]any) int {
	fmt.Fprintln(c.stderr, "tavoli: "+i18n.Explain(err)+" "+i18n.L(hint, args))
	return exitError
}

// failImport explains a refused import, with the command that does what the explanation advises.
func (c *cli) failImport(err error, path string, in *bundle.Incoming) int {
	e := data.AsError(err)
	if e == nil {
		return c.fail(err)
	}
	sender := peerLabel(in.Header.SenderName, in.Header.Sender)
	switch e.Code {
	case data.EOtherAmbito:
		return c.failHint(err, "cli.bundle_other_ambito_hint", map[string]any{
			"command": otherAmbitoCommand(path, c.opt.passFile)})
	case data.EGap:
		return c.failHint(err, "cli.bundle_gap_hint", map[string]any{"name": sender, "device": e.Args["device"]})
	case data.EMissingRecords:
		return c.failHint(err, "cli.bundle_all_hint", map[string]any{"name": sender})
	}
	return c.fail(err)
}

// otherAmbitoCommand is the command that receives another Ambito's bundle into a new database beside
// this one's, named after the bundle.
func otherAmbitoCommand(path, passFile string) string {
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) + ".db"
	cmd := "tavoli bundle import " + shellQuote(path) + " --db " + shellQuote(name)
	if passFile != "" {
		cmd += " --passphrase-file " + shellQuote(passFile)
	}
	return cmd
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
		return i18n.L("cli.yes")
	}
	return i18n.L("cli.no")
}

// dateTime writes a moment as lists do, in the Ambito's time zone: 12/03/2027 15:00.
func dateTime(t time.Time) string {
	if t.IsZero() {
		return i18n.L("cli.bundle_never")
	}
	return italian.DateTime(t)
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
