package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/google/uuid"

	"github.com/tavoli/tavoli/app/i18n"

	docs "github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/atomicfile"
	"github.com/tavoli/tavoli/data/demo"
	"github.com/tavoli/tavoli/data/install"
	"github.com/tavoli/tavoli/data/sqlite"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // the command was understood and refused or failed
	exitUsage = 2 // the command line itself is wrong
)

// options are the flags every command accepts, wherever they stand.
type options struct {
	db      string
	json    bool
	scale   int
	dryRun  bool
	help    bool
	session string
	vote    string
	output  string
	area    string // proposals and the synthesis: one area, by id or name
	body    string // the Esito delle proposte: one body, by id or name
	year    int    // the relazione annuale: its year
	state   string // proposals: one state
	query   string // proposals: words searched in them
	overdue bool   // actions: only those past their due date
	record  string // history: the record whose changes are listed
	person  string // export persona: the person, by id
	public  bool   // export verbale, sintesi: the copy for publication at the albo pretorio

	// bundle: the exchange of data between laptops.
	all          bool   // export every record; list every version set aside, reviewed ones too
	forPeer      string // export the changes for one installation
	passFile     string // the file whose first line is the passphrase
	noEncryption bool   // export without encryption
	otherAmbito  bool   // no longer merges: kept to explain where another Ambito's bundle goes
	force        bool   // export: replace an existing file
}

// window is what the command line hands to the window: app.Config, which a command-line-only build
// (-tags nogui) does not link.
type window struct {
	DBPath       string
	Installation *install.Installation
	FirstRun     bool
	Bundle       string
	Version      string
}

// cli carries what a command needs: its options, where to write, and the installation.
type cli struct {
	opt            options
	stdout, stderr io.Writer
	cfgDir         string
}

// run executes one command line and returns the exit code. gui starts the window; tests pass their own.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, gui func(window) error) int {
	c := &cli{stdout: stdout, stderr: stderr}
	fset := flag.NewFlagSet("tavoli", flag.ContinueOnError)
	fset.SetOutput(io.Discard)
	fset.StringVar(&c.opt.db, "db", "", "")
	fset.BoolVar(&c.opt.json, "json", false, "")
	fset.IntVar(&c.opt.scale, "scale", 1, "")
	fset.BoolVar(&c.opt.dryRun, "dry-run", false, "")
	fset.StringVar(&c.opt.session, "session", "", "")
	fset.StringVar(&c.opt.vote, "vote", "", "")
	fset.StringVar(&c.opt.output, "o", "", "")
	fset.StringVar(&c.opt.output, "output", "", "")
	fset.StringVar(&c.opt.area, "area", "", "")
	fset.StringVar(&c.opt.body, "body", "", "")
	fset.IntVar(&c.opt.year, "anno", 0, "")
	fset.IntVar(&c.opt.year, "year", 0, "")
	fset.StringVar(&c.opt.state, "state", "", "")
	fset.StringVar(&c.opt.query, "query", "", "")
	fset.BoolVar(&c.opt.overdue, "overdue", false, "")
	fset.StringVar(&c.opt.record, "record", "", "")
	fset.StringVar(&c.opt.person, "person", "", "")
	fset.StringVar(&c.opt.person, "persona", "", "")
	fset.BoolVar(&c.opt.public, "pubblicazione", false, "")
	fset.BoolVar(&c.opt.public, "publication", false, "")
	fset.BoolVar(&c.opt.all, "all", false, "")
	fset.StringVar(&c.opt.forPeer, "for", "", "")
	fset.StringVar(&c.opt.passFile, "passphrase-file", "", "")
	fset.BoolVar(&c.opt.noEncryption, "no-encryption", false, "")
	fset.BoolVar(&c.opt.otherAmbito, "other-ambito", false, "")
	fset.BoolVar(&c.opt.force, "force", false, "")
	fset.BoolVar(&c.opt.help, "help", false, "")
	fset.BoolVar(&c.opt.help, "h", false, "")

	dir, err := install.ConfigDir()
	if err != nil {
		i18n.Setup("")
		return c.fail(err)
	}
	c.cfgDir = dir
	i18n.Setup(install.Peek(dir).Language)

	words, err := parseAnywhere(fset, args)
	if err != nil {
		fmt.Fprintln(stderr, i18n.L("cli.bad_flag", map[string]any{"detail": err.Error()}))
		fmt.Fprintln(stderr, i18n.L("cli.usage"))
		return exitUsage
	}
	if c.opt.help || (len(words) > 0 && isHelp(words[0])) {
		fmt.Fprintln(stdout, i18n.L("cli.usage"))
		return exitOK
	}
	if len(words) == 0 {
		return c.gui(gui, "")
	}
	// A bundle's path alone: the file manager opening a .tavoli file with Tavoli (Windows passes it as
	// "%1"). The window opens on its import preview.
	if len(words) == 1 && strings.EqualFold(filepath.Ext(words[0]), ".tavoli") {
		return c.gui(gui, words[0])
	}
	switch words[0] {
	case "version", "versione":
		return c.version(words[1:])
	case "demo":
		return c.demo(ctx, words[1:])
	case "list", "elenca":
		return c.list(ctx, words[1:])
	case "import", "importa":
		return c.importCmd(ctx, words[1:])
	case "export", "esporta":
		return c.export(ctx, words[1:])
	case "history", "storia":
		return c.history(ctx, words[1:])
	case "tally", "scrutinio":
		return c.tally(words[1:])
	case "bundle", "pacchetto":
		return c.bundle(ctx, words[1:])
	case "config", "configura":
		return c.config(words[1:])
	case "erase", "cancella":
		return c.erase(ctx, words[1:])
	}
	fmt.Fprintln(stderr, i18n.L("cli.unknown_command", map[string]any{"command": words[0]}))
	fmt.Fprintln(stderr, i18n.L("cli.usage"))
	return exitUsage
}

// fail writes the explanation of err to stderr and returns the error exit code.
func (c *cli) fail(err error) int {
	fmt.Fprintln(c.stderr, "tavoli: "+i18n.Explain(err))
	return exitError
}

// usage reports a wrong command line.
func (c *cli) usage(key string, args map[string]any) int {
	fmt.Fprintln(c.stderr, i18n.L(key, args))
	fmt.Fprintln(c.stderr, i18n.L("cli.usage"))
	return exitUsage
}

// installation loads (creating on first use) this computer's identity.
func (c *cli) installation() (*install.Installation, bool, error) {
	return install.Load(c.cfgDir, uuid.NewString)
}

// dbPath is --db, or the user's default database.
func (c *cli) dbPath() (string, error) {
	if c.opt.db != "" {
		return c.opt.db, nil
	}
	return install.DefaultDatabase()
}

// How a command uses the database.
const (
	readOnly = iota // list: an existing database, nothing written (a copy on a read-only share will do)
	existing        // import: an existing database, written
	create          // demo: created when missing
)

// open opens the database for a command. Except for create, a missing file is an error: listing or
// importing must not leave an empty database behind a mistyped path.
func (c *cli) open(ctx context.Context, mode int) (*sqlite.Store, error) {
	path, err := c.dbPath()
	if err != nil {
		return nil, err
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if mode != create {
		st, err := os.Stat(path)
		if errors.Is(err, fs.ErrNotExist) || (err == nil && st.Mode().IsRegular() && st.Size() == 0) {
			return nil, data.Errorf(data.ENotFound, "err.db.missing", "path", path)
		}
	}
	inst, _, err := c.installation()
	if err != nil {
		return nil, err
	}
	return openStore(ctx, inst, path, sqlite.Options{Device: inst.DeviceID, ReadOnly: mode == readOnly})
}

// openStore opens the database at path for the installation and records the computer in it.
func openStore(ctx context.Context, inst *install.Installation, path string, opt sqlite.Options) (*sqlite.Store, error) {
	opt.Verbale = docs.Verbale
	st, err := sqlite.Open(ctx, path, opt)
	if err != nil {
		return nil, err
	}
	if err := st.RegisterDevice(ctx, inst.DeviceName, inst.Operator); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// errDiscard tells openNew to throw away the database it was building: the command already said why.
var errDiscard = errors.New("discard the new database")

// openNew builds a new database at path, where no file is, whole or not at all: it is made under a
// temporary name beside path and appears at path only when use returns nil. A refusal, an error or a
// killed process leaves nothing at path (the next write in the folder removes a killed one's leftovers).
func (c *cli) openNew(ctx context.Context, path string, use func(st *sqlite.Store) error) error {
	inst, _, err := c.installation()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return atomicfile.Explain(path, err)
	}
	return atomicfile.Create(path, func(tmp string) error {
		st, err := openStore(ctx, inst, tmp, sqlite.Options{Device: inst.DeviceID, Destination: path})
		if err != nil {
			return err
		}
		err = use(st)
		if cerr := st.Close(); err == nil && cerr != nil {
			err = atomicfile.Explain(path, cerr)
		}
		return err
	})
}

// missing reports whether no file is at path (after making it absolute): a command that may create the
// database builds it with openNew then.
func missing(path string) (string, bool) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	_, err := os.Lstat(path)
	return path, errors.Is(err, fs.ErrNotExist)
}

// writeJSON prints v as indented JSON.
func (c *cli) writeJSON(v any) int {
	enc := json.NewEncoder(c.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return c.fail(data.Errorf(data.EInternal, "err.cli.output").Wrap(err))
	}
	return exitOK
}

func (c *cli) version(rest []string) int {
	if len(rest) > 0 {
		return c.usage("cli.extra_words", map[string]any{"words": fmt.Sprint(rest)})
	}
	if c.opt.json {
		return c.writeJSON(map[string]any{"name": "Tavoli", "version": version, "schema": sqlite.SchemaVersion()})
	}
	fmt.Fprintln(c.stdout, i18n.L("cli.version", map[string]any{"version": version, "schema": sqlite.SchemaVersion()}))
	return exitOK
}

func (c *cli) demo(ctx context.Context, rest []string) int {
	if len(rest) > 0 {
		return c.usage("cli.extra_words", map[string]any{"words": fmt.Sprint(rest)})
	}
	if c.opt.scale < 1 {
		return c.usage("cli.bad_scale", map[string]any{"scale": c.opt.scale})
	}
	// -o names the new file as well as --db does, as for every other command that writes one.
	if c.opt.output != "" {
		if c.opt.db != "" && c.opt.db != c.opt.output {
			return c.usage("cli.demo_two_files", nil)
		}
		c.opt.db = c.opt.output
	}
	ds, err := demo.Trasimeno(c.opt.scale)
	if err != nil {
		return c.fail(err)
	}
	seed := func(st *sqlite.Store) error { return st.Seed(ctx, ds) }
	path, err := c.dbPath()
	if err != nil {
		return c.fail(err)
	}
	if abs, isNew := missing(path); isNew {
		err, path = c.openNew(ctx, abs, seed), abs
	} else {
		var st *sqlite.Store
		if st, err = c.open(ctx, create); err == nil { // an existing empty database takes the demo too
			err, path = seed(st), st.Path()
			st.Close()
		}
	}
	if err != nil {
		return c.fail(err)
	}
	summary := map[string]any{"path": path, "ambito": ds.Ambito.Name, "comuni": len(ds.Comuni),
		"areas": len(ds.Areas), "bodies": len(ds.Bodies), "people": len(ds.People),
		"organisations": len(ds.Organisations), "sessions": len(ds.Sessions), "proposals": len(ds.Proposals)}
	if c.opt.json {
		return c.writeJSON(summary)
	}
	fmt.Fprintln(c.stdout, i18n.L("cli.demo_done", summary))
	return exitOK
}

// gui starts the window on --db or the default database (or the last one opened); bundle, when not
// empty, is a .tavoli file to preview for import.
func (c *cli) gui(start func(window) error, bundle string) int {
	inst, first, err := c.installation()
	if err != nil {
		return c.fail(err)
	}
	path := c.opt.db
	if path == "" {
		if path, err = install.DefaultDatabase(); err != nil {
			return c.fail(err)
		}
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if bundle != "" {
		if abs, err := filepath.Abs(bundle); err == nil {
			bundle = abs
		}
	}
	err = start(window{DBPath: path, Installation: inst, FirstRun: first, Version: version, Bundle: bundle})
	if err != nil {
		return c.fail(err)
	}
	return exitOK
}
