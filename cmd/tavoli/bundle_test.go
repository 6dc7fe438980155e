package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

	docs "github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/demo"
	"github.com/tavoli/tavoli/data/install"
	"github.com/tavoli/tavoli/data/sqlite"
)

// laptop is one installation of Tavoli, with its own configuration (device id, operator) and its own
// database in the test's work folder: exchanges happen between laptops.
type laptop struct {
	t        *testing.T
	operator string
	device   string
	cfg, db  string
}

// newLaptop sets up the installation of operator; its database does not exist yet.
func newLaptop(t *testing.T, e env, operator string) *laptop {
	t.Helper()
	key := strings.ToLower(operator)
	// A device id as installations make them (a UUID): advice that names a device must work with it.
	l := &laptop{t: t, operator: operator, device: uuid.NewSHA1(uuid.NameSpaceOID, []byte("laptop "+key)).String(),
		cfg: filepath.Join(filepath.Dir(e.cfgDir), "config-"+key), db: e.path(key + ".db")}
	writeInstallation(t, l.cfg, install.Installation{DeviceID: l.device, DeviceName: "pc-" + key, Operator: operator})
	return l
}

// run runs the program on this laptop and its database.
func (l *laptop) run(args ...string) result {
	l.t.Helper()
	l.t.Setenv("TAVOLI_CONFIG_DIR", l.cfg)
	return runCLI(l.t, append(args, "--db", l.db)...)
}

// must runs a command that must succeed. Unlike mustRun it allows stderr, where an unencrypted export
// writes its warning.
func (l *laptop) must(args ...string) result {
	l.t.Helper()
	r := l.run(args...)
	if r.code != exitOK {
		l.t.Fatalf("%v on %s exit = %d, want %d; stderr %q", r, l.operator, r.code, exitOK, r.stderr)
	}
	return r
}

// decode runs a command that must succeed with --json and decodes what it prints into v.
func (l *laptop) decode(v any, args ...string) {
	l.t.Helper()
	r := l.must(append(args, "--json")...)
	if err := json.Unmarshal([]byte(r.stdout), v); err != nil {
		l.t.Fatalf("%v printed %q: %v", r, r.stdout, err)
	}
}

// demo writes the demo district into the laptop's database.
func (l *laptop) demo() {
	l.t.Helper()
	l.must("demo")
}

// seed creates the laptop's database holding ds (nothing at all when ds is nil), as this laptop's
// device and with the device registered as the program registers it: a new laptop waiting for the
// district's bundle, or another district.
func (l *laptop) seed(ds *data.Dataset) {
	l.t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, l.db, sqlite.Options{Device: l.device, Verbale: docs.Verbale})
	if err != nil {
		l.t.Fatal(err)
	}
	defer st.Close()
	if err := st.RegisterDevice(ctx, "pc-"+strings.ToLower(l.operator), l.operator); err != nil {
		l.t.Fatal(err)
	}
	if ds != nil {
		if err := st.Seed(ctx, *ds); err != nil {
			l.t.Fatal(err)
		}
	}
}

// people maps the ids of the laptop's people to their phone numbers.
func (l *laptop) people() map[string]string {
	l.t.Helper()
	var rows []map[string]any
	l.decode(&rows, "list", "people")
	out := map[string]string{}
	for _, p := range rows {
		out[str(l.t, p, "id")] = str(l.t, p, "phone")
	}
	return out
}

// setPhone changes the phone of one person through a CSV import, as an office would.
func (l *laptop) setPhone(surname, given, phone string) {
	l.t.Helper()
	csv := filepath.Join(filepath.Dir(l.db), l.operator+"-telefoni.csv")
	body := "Cognome;Nome;Telefono\n" + surname + ";" + given + ";" + phone + "\n"
	if err := os.WriteFile(csv, []byte(body), 0o644); err != nil {
		l.t.Fatal(err)
	}
	l.must("import", "people", csv)
}

// exported is the part of "bundle export --json" the tests check.
type exported struct {
	Records    int    `json:"records"`
	Everything bool   `json:"everything"`
	Peer       string `json:"peer"`
	Encrypted  bool   `json:"encrypted"`
	SHA256     string `json:"sha256"`
}

// imported is the part of "bundle import --json" the tests check.
type imported struct {
	Ambito      string             `json:"ambito"`
	OtherAmbito bool               `json:"other_ambito"`
	Sender      string             `json:"sender"`
	SenderName  string             `json:"sender_name"`
	Everything  bool               `json:"everything"`
	Encrypted   bool               `json:"encrypted"`
	Records     int                `json:"records"`
	Seen        bool               `json:"seen"`
	Kinds       []data.KindChanges `json:"kinds"`
	Applied     bool               `json:"applied"`
}

func (r imported) total() data.KindChanges {
	var t data.KindChanges
	for _, k := range r.Kinds {
		t = t.Add(k)
	}
	return t
}

// setAside is the part of "bundle conflicts --json" the tests check.
type setAside struct {
	ID                string         `json:"id"`
	Kind              string         `json:"kind"`
	RecordID          string         `json:"record_id"`
	Label             string         `json:"label"`
	Reason            string         `json:"reason"`
	Resolution        string         `json:"resolution"`
	Device            string         `json:"device"`
	DeviceName        string         `json:"device_name"`
	Row               map[string]any `json:"row"`
	CurrentDevice     string         `json:"current_device"`
	CurrentDeviceName string         `json:"current_device_name"`
}

// writePassphrase writes a passphrase file as an editor would leave it.
func writePassphrase(t *testing.T, e env, name, content string) string {
	t.Helper()
	p := e.path(name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// wantNoBundle fails the test if anything but the files named in keep is in the work folder: a
// refused export must leave neither the bundle nor its temporary file.
func wantNoBundle(t *testing.T, r result, e env, keep ...string) {
	t.Helper()
	entries, err := os.ReadDir(e.dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, en := range entries {
		name := en.Name()
		if strings.HasSuffix(name, ".tavoli") || strings.HasPrefix(name, ".tavoli-export-") {
			if !strings.Contains(strings.Join(keep, "|"), name) {
				t.Errorf("%v left %s in the folder", r, name)
			}
		}
	}
}

func TestBundleExchange(t *testing.T) {
	e := setup(t, "")
	anna, bruno := newLaptop(t, e, "Anna"), newLaptop(t, e, "Bruno")
	anna.demo()
	bruno.seed(nil)
	file := e.path("Trasimeno.tavoli")

	var ex exported
	anna.decode(&ex, "pacchetto", "esporta", "-o", file, "--no-encryption")
	if !ex.Everything || ex.Encrypted || ex.Records < 500 || len(ex.SHA256) != 64 {
		t.Fatalf("first export = %+v, want every record, unencrypted, with its SHA-256", ex)
	}

	t.Run("dry run writes nothing", func(t *testing.T) {
		before := digest(t, bruno.db)
		r := bruno.must("bundle", "import", file, "--dry-run")
		wantUntouched(t, r, bruno.db, before)
		wantContains(t, r, "stdout", r.stdout, "Pacchetto "+file, "Mittente", "Anna (dispositivo "+anna.device+")",
			"Ambito Territoriale n.5 del Trasimeno", "tutti i dati del mittente", "Cifrato    no",
			"Nel pacchetto", "Nuovi", "Invariati", "60 persone", "8 comuni", "Prova: nulla è stato scritto")
		if strings.Contains(r.stdout, "Già importato") {
			t.Errorf("%v stdout = %q, want no «Già importato» for a bundle never imported", r, r.stdout)
		}
		if got := len(bruno.people()); got != 0 {
			t.Errorf("after a dry run Bruno has %d people, want 0", got)
		}
	})

	t.Run("import", func(t *testing.T) {
		r := bruno.must("bundle", "import", file)
		wantContains(t, r, "stdout", r.stdout, "Pacchetto "+file, "Importato "+file, fmt.Sprintf("Nuovi %d,", ex.Records))
		if r.stderr != "" {
			t.Errorf("%v stderr = %q, want nothing", r, r.stderr)
		}
		a, b := anna.people(), bruno.people()
		if len(b) != len(a) || len(a) == 0 {
			t.Fatalf("Bruno has %d people after the import, Anna %d", len(b), len(a))
		}
		for id, phone := range a {
			if b[id] != phone {
				t.Errorf("person %s: Bruno's phone %q, Anna's %q", id, b[id], phone)
			}
		}
	})

	t.Run("import again changes nothing", func(t *testing.T) {
		var res imported
		bruno.decode(&res, "bundle", "import", file)
		if !res.Seen || !res.Applied || res.Records != ex.Records {
			t.Errorf("second import = %+v, want seen, applied, %d records", res, ex.Records)
		}
		if w := res.total().Writes(); w != 0 {
			t.Errorf("second import wrote %d records (%+v), want 0", w, res.total())
		}
		r := bruno.must("bundle", "import", file, "--dry-run")
		wantContains(t, r, "stdout", r.stdout, "Già importato", "sì: questo stesso pacchetto è già stato importato")
	})

	t.Run("history and peers", func(t *testing.T) {
		var hist []map[string]any
		bruno.decode(&hist, "bundle", "history")
		if len(hist) != 2 || hist[0]["direction"] != "import" || hist[0]["peer"] != anna.device ||
			hist[0]["file"] != "Trasimeno.tavoli" {
			t.Errorf("Bruno's history = %v, want the two imports from Anna, latest first", hist)
		}
		anna.decode(&hist, "bundle", "history")
		if len(hist) != 1 || hist[0]["direction"] != "export" || hist[0]["everything"] != true {
			t.Errorf("Anna's history = %v, want one export of everything", hist)
		}
		r := bruno.must("bundle", "storico")
		wantContains(t, r, "stdout", r.stdout, "Scambio", "importato", "Anna", "tutti i dati", "Trasimeno.tavoli")

		var peers []map[string]any
		bruno.decode(&peers, "bundle", "peers")
		if len(peers) != 1 || peers[0]["device"] != anna.device || peers[0]["name"] != "Anna" ||
			peers[0]["last_import"] == "" || peers[0]["last_export"] != "" {
			t.Errorf("Bruno's peers = %v, want Anna, imported from and never exported for", peers)
		}
		r = bruno.must("bundle", "peers")
		wantContains(t, r, "stdout", r.stdout, "Computer", "Anna", "mai", anna.device)
		r = anna.must("bundle", "peers")
		wantContains(t, r, "stdout", r.stdout, "Questo database non conosce altri computer")
	})

	t.Run("the next export carries only what Bruno did not acknowledge", func(t *testing.T) {
		// Until Bruno says what he holds, Anna's bundles carry everything: hers may have been lost.
		anna.decode(&ex, "bundle", "export", "-o", e.path("ancora.tavoli"), "--no-encryption")
		if !ex.Everything {
			t.Errorf("export before any acknowledgement = %+v, want everything", ex)
		}
		bruno.must("bundle", "export", "--for", "Anna", "-o", e.path("da-bruno.tavoli"), "--no-encryption")
		anna.must("bundle", "import", e.path("da-bruno.tavoli"))
		// Anna's database changed once since: it took in Bruno's computer, which he then had not
		// acknowledged holding. A second round and nothing is left to send.
		anna.decode(&ex, "bundle", "export", "-o", e.path("quasi.tavoli"), "--no-encryption")
		if ex.Everything || ex.Records != 1 {
			t.Errorf("export after Bruno's acknowledgement = %+v, want only the record his bundle brought", ex)
		}
		bruno.must("bundle", "import", e.path("quasi.tavoli"))
		bruno.must("bundle", "export", "--for", "Anna", "-o", e.path("da-bruno-2.tavoli"), "--no-encryption")
		anna.must("bundle", "import", e.path("da-bruno-2.tavoli"))
		anna.decode(&ex, "bundle", "export", "-o", e.path("niente.tavoli"), "--no-encryption")
		if ex.Everything || ex.Records != 0 {
			t.Errorf("export with nothing changed = %+v, want no record", ex)
		}
		anna.setPhone("Agostini", "Ettore", "075 000 0001")
		r := anna.must("bundle", "export", "-o", e.path("modifiche.tavoli"), "--no-encryption")
		wantContains(t, r, "stdout", r.stdout, "le modifiche successive a quasi.tavoli (",
			"l'ultimo pacchetto che Bruno ha confermato di aver ricevuto")
		var res imported
		bruno.decode(&res, "bundle", "import", e.path("modifiche.tavoli"))
		// The person, and the entry of its history that says Anna changed the phone.
		if res.Everything || res.total().Updated != 1 || res.total().New != 1 || res.total().Writes() != 2 {
			t.Errorf("import of the changes = %+v, want one person updated and its history entry", res)
		}
	})
}

func TestBundleEncrypted(t *testing.T) {
	e := setup(t, "")
	anna, bruno := newLaptop(t, e, "Anna"), newLaptop(t, e, "Bruno")
	anna.demo()
	bruno.seed(nil)
	file := e.path("cifrato.tavoli")
	// Written on Windows by Anna, typed without a final newline by Bruno: the same passphrase.
	annaPass := writePassphrase(t, e, "frase-anna.txt", "\ufeffLago Trasimeno, 12 marzo\r\n")
	brunoPass := writePassphrase(t, e, "frase-bruno.txt", "Lago Trasimeno, 12 marzo")
	wrongPass := writePassphrase(t, e, "frase-sbagliata.txt", "lago trasimeno, 12 marzo\n")

	r := anna.must("bundle", "export", "-o", file, "--passphrase-file", annaPass)
	wantContains(t, r, "stdout", r.stdout, "Pacchetto salvato in "+file, "Cifrato       sì")
	if r.stderr != "" {
		t.Errorf("%v stderr = %q, want no warning for an encrypted bundle", r, r.stderr)
	}
	if b, err := os.ReadFile(file); err != nil || strings.Contains(string(b), "Trasimeno") {
		t.Fatalf("the encrypted bundle shows its content (or cannot be read: %v)", err)
	}

	before := digest(t, bruno.db)
	refusals := []struct {
		name string
		args []string
		want []string
	}{
		{"no passphrase", nil, []string{"Il pacchetto è cifrato", "--passphrase-file FILE", "Nulla è stato importato"}},
		{"wrong passphrase", []string{"--passphrase-file", wrongPass},
			[]string{"La frase segreta non apre il pacchetto", "Nulla è stato importato"}},
		{"missing passphrase file", []string{"--passphrase-file", e.path("nessuna.txt")}, []string{"nessuna.txt"}},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			r := bruno.run(append([]string{"bundle", "import", file}, tt.args...)...)
			wantCode(t, r, exitError)
			wantContains(t, r, "stderr", r.stderr, tt.want...)
			if r.stdout != "" {
				t.Errorf("%v stdout = %q, want nothing: no preview of a bundle that cannot be read", r, r.stdout)
			}
			wantUntouched(t, r, bruno.db, before)
		})
	}

	var res imported
	bruno.decode(&res, "bundle", "import", file, "--passphrase-file", brunoPass)
	if !res.Encrypted || !res.Applied || res.total().New == 0 {
		t.Errorf("import with the passphrase = %+v, want an encrypted bundle merged", res)
	}
}

func TestBundleExportRefused(t *testing.T) {
	e := setup(t, "")
	anna := newLaptop(t, e, "Anna")
	anna.demo()
	file := e.path("scambio.tavoli")
	empty := writePassphrase(t, e, "vuota.txt", "\r\nseconda riga\n")
	pass := writePassphrase(t, e, "frase.txt", "Lago Trasimeno\n")
	letter := writePassphrase(t, e, "lettera.txt", "a\n")
	space := writePassphrase(t, e, "spazio.txt", " \n")
	padded := writePassphrase(t, e, "imbottita.txt", "corta   \r\n") // eight characters, three of them spaces
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"no protection chosen", []string{"-o", file}, exitUsage,
			[]string{"Scegli come proteggere il pacchetto", "--passphrase-file FILE", "--no-encryption", "Nessun file è stato scritto"}},
		{"both protections", []string{"-o", file, "--no-encryption", "--passphrase-file", pass}, exitUsage,
			[]string{"non vanno insieme"}},
		{"all and for", []string{"-o", file, "--no-encryption", "--all", "--for", "Bruno"}, exitUsage,
			[]string{"--all e --for non vanno insieme", "Nessun file è stato scritto"}},
		{"no output", []string{"--no-encryption"}, exitUsage, []string{"Serve -o FILE"}},
		{"extra word", []string{"-o", file, "--no-encryption", file}, exitUsage, []string{"Parole in più"}},
		{"empty passphrase", []string{"-o", file, "--passphrase-file", empty}, exitError,
			[]string{"La prima riga del file " + empty + " è vuota", "Scegli una frase segreta"}},
		{"one-letter passphrase", []string{"-o", file, "--passphrase-file", letter}, exitError,
			[]string{"La frase segreta è troppo corta", "almeno 8 caratteri", "La frase segreta è la prima riga di " + letter,
				"Nessun file è stato scritto"}},
		{"passphrase of a space", []string{"-o", file, "--passphrase-file", space}, exitError,
			[]string{"Scegli una frase segreta", "la prima riga di " + space, "Nessun file è stato scritto"}},
		{"short passphrase padded with spaces", []string{"-o", file, "--passphrase-file", padded}, exitError,
			[]string{"troppo corta", "senza contare gli spazi"}},
		{"unknown peer", []string{"-o", file, "--no-encryption", "--for", "Zorro"}, exitError,
			[]string{"Non conosco un computer chiamato «Zorro»", "tavoli bundle peers", "Nessun file è stato scritto"}},
		{"output is the database", []string{"-o", anna.db, "--no-encryption"}, exitError,
			[]string{"è il file del database", "Nessun file è stato scritto"}},
		{"folder missing", []string{"-o", e.path("chiavetta/scambio.tavoli"), "--no-encryption"}, exitError,
			[]string{"chiavetta non esiste", "non è stato scritto"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := digest(t, anna.db)
			r := anna.run(append([]string{"bundle", "export"}, tt.args...)...)
			wantCode(t, r, tt.code)
			wantContains(t, r, "stderr", r.stderr, tt.want...)
			if r.stdout != "" {
				t.Errorf("%v stdout = %q, want nothing", r, r.stdout)
			}
			wantNoBundle(t, r, e)
			wantUntouched(t, r, anna.db, before)
		})
	}
	var hist []map[string]any
	anna.decode(&hist, "bundle", "history")
	if len(hist) != 0 {
		t.Errorf("after refused exports the history = %v, want nothing", hist)
	}
}

func TestBundleImportRefused(t *testing.T) {
	e := setup(t, "")
	anna, bruno, carla := newLaptop(t, e, "Anna"), newLaptop(t, e, "Bruno"), newLaptop(t, e, "Carla")
	anna.demo()
	bruno.seed(nil)
	carla.seed(nil)
	file := e.path("Trasimeno.tavoli")
	anna.must("bundle", "export", "-o", file, "--no-encryption")
	// Carla, the only computer Anna knows, receives it and says so.
	carla.must("bundle", "import", file)
	carla.must("bundle", "export", "--for", "Anna", "-o", e.path("da-carla.tavoli"), "--no-encryption")
	anna.must("bundle", "import", e.path("da-carla.tavoli"))
	good, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) string {
		p := e.path(name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// Changes made after the bundle Carla acknowledged and Bruno never imported.
	anna.setPhone("Agostini", "Ettore", "075 000 0001")
	changes := e.path("modifiche.tavoli")
	anna.must("bundle", "export", "-o", changes, "--no-encryption")
	altered := append([]byte(nil), good...)
	altered[len(altered)/2] ^= 0x01
	tests := []struct {
		name string
		path string
		want string
	}{
		{"one byte altered", write("alterato.tavoli", altered), "Il pacchetto è danneggiato o è stato modificato"},
		{"truncated", write("troncato.tavoli", good[:len(good)*2/3]), "Nulla è stato importato"},
		{"empty", write("vuoto.tavoli", nil), "Il file è vuoto"},
		{"a database", bruno.db, "Il file è un database, non un pacchetto"},
		{"missing", e.path("nessuno.tavoli"), "Non riesco ad aprire il file"},
		{"changes after a bundle not imported", changes, "Importa prima «Trasimeno.tavoli», poi di nuovo questo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := digest(t, bruno.db)
			r := bruno.run("bundle", "import", tt.path)
			wantCode(t, r, exitError)
			wantContains(t, r, "stderr", r.stderr, tt.want)
			if r.stdout != "" {
				t.Errorf("%v stdout = %q, want nothing", r, r.stdout)
			}
			wantUntouched(t, r, bruno.db, before)
		})
	}
	t.Run("usage", func(t *testing.T) {
		for _, args := range [][]string{{"bundle"}, {"bundle", "spedisci"}, {"bundle", "import"},
			{"bundle", "import", file, file}, {"bundle", "restore"}, {"bundle", "peers", "tutti"}} {
			r := bruno.run(args...)
			wantCode(t, r, exitUsage)
			wantContains(t, r, "stderr", r.stderr, "Uso: tavoli", "tavoli bundle import FILE.tavoli")
		}
	})
}

// A bundle of another Ambito never goes into this database; the advice receives it into a new one.
func TestBundleOtherAmbito(t *testing.T) {
	e := setup(t, "")
	anna, carla := newLaptop(t, e, "Anna"), newLaptop(t, e, "Carla")
	anna.demo()
	other := demo.Empty("Ambito Territoriale n.9 Alto Chiascio", uuid.NewString)
	carla.seed(&other)
	file := e.path("Alto Chiascio.tavoli")
	carla.must("bundle", "export", "-o", file, "--no-encryption")
	before := digest(t, anna.db)

	r := anna.run("bundle", "import", file)
	wantCode(t, r, exitError)
	wantContains(t, r, "stdout", r.stdout, "Ambito Territoriale n.9 Alto Chiascio: un altro Ambito",
		"(Ambito Territoriale n.5 del Trasimeno)", "Nel pacchetto")
	wantContains(t, r, "stderr", r.stderr, "Il pacchetto viene da un altro Ambito", "Nulla è stato importato",
		"i dati di due Ambiti non si mescolano", "--db")
	wantUntouched(t, r, anna.db, before)
	advice := quoted(t, r, r.stderr)

	var res imported
	anna.decode(&res, "bundle", "import", file, "--dry-run")
	if !res.OtherAmbito || res.Applied || res.Ambito != other.Ambito.Name {
		t.Errorf("preview = %+v, want another Ambito, not applied", res)
	}
	r = anna.must("bundle", "import", file, "--dry-run")
	wantContains(t, r, "stdout", r.stdout, "non si importa in questo database", "«"+advice+"»")
	wantUntouched(t, r, anna.db, before)

	r = anna.run("bundle", "import", file, "--other-ambito")
	wantCode(t, r, exitUsage)
	wantContains(t, r, "stderr", r.stderr, "--other-ambito non c'è più", "--db NUOVO.db")
	wantUntouched(t, r, anna.db, before)

	// As advised, from the work folder: a database of its own, beside Anna's.
	t.Chdir(e.dir)
	t.Setenv("TAVOLI_CONFIG_DIR", anna.cfg)
	mustRun(t, append(splitCommand(t, advice)[1:], "--dry-run")...)
	if exists(t, e.path("Alto Chiascio.db")) {
		t.Fatal("the preview of the advice created the database")
	}
	r = mustRun(t, splitCommand(t, advice)[1:]...)
	wantContains(t, r, "stdout", r.stdout, "Importato")
	areas := listJSON(t, e.path("Alto Chiascio.db"), "areas")
	if len(areas) != len(other.Areas) {
		t.Errorf("the new database has %d areas, want the other Ambito's %d", len(areas), len(other.Areas))
	}
	wantUntouched(t, r, anna.db, before)
	if got := len(listJSON(t, anna.db, "areas")); got != 6 {
		t.Errorf("Anna's database has %d areas, want Trasimeno's 6 only", got)
	}
}

func TestBundleConflicts(t *testing.T) {
	e := setup(t, "")
	anna, bruno := newLaptop(t, e, "Anna"), newLaptop(t, e, "Bruno")
	anna.demo()
	bruno.seed(nil)
	anna.must("bundle", "export", "-o", e.path("tutto.tavoli"), "--no-encryption")
	bruno.must("bundle", "import", e.path("tutto.tavoli"))

	r := bruno.must("bundle", "conflicts")
	wantContains(t, r, "stdout", r.stdout, "Nessuna versione messa da parte da esaminare")

	// The same two people changed on both laptops, Bruno after Anna: Bruno's versions win.
	anna.setPhone("Agostini", "Ettore", "075 111 1111")
	anna.setPhone("Baldelli", "Giulia", "075 111 2222")
	bruno.setPhone("Agostini", "Ettore", "075 222 1111")
	bruno.setPhone("Baldelli", "Giulia", "075 222 2222")
	anna.must("bundle", "export", "-o", e.path("anna.tavoli"), "--no-encryption")
	r = bruno.must("bundle", "import", e.path("anna.tavoli"))
	wantContains(t, r, "stdout", r.stdout, "conflitti 2", "2 versioni sono state messe da parte", "tavoli bundle conflicts")

	var versions []setAside
	bruno.decode(&versions, "bundle", "conflicts")
	if len(versions) != 2 {
		t.Fatalf("Bruno's versions set aside = %+v, want 2", versions)
	}
	byLabel := map[string]setAside{}
	for _, v := range versions {
		byLabel[v.Label] = v
		if v.Kind != "person" || v.Reason != "conflict" || v.Resolution != "" || v.Device != anna.device ||
			v.DeviceName != "Anna" || v.CurrentDevice != bruno.device || v.CurrentDeviceName != "questo computer" {
			t.Errorf("version set aside = %+v, want Anna's person version beside Bruno's current one", v)
		}
	}
	ettore, giulia := byLabel["Agostini Ettore"], byLabel["Baldelli Giulia"]
	if ettore.Row["phone"] != "075 111 1111" || giulia.Row["phone"] != "075 111 2222" {
		t.Fatalf("versions set aside = %+v, want Anna's phones", versions)
	}
	r = bruno.must("bundle", "conflitti")
	wantContains(t, r, "stdout", r.stdout, "Persona", "Agostini Ettore", "Conflitto", "Anna, ",
		"questo computer, ", ettore.ID, "tavoli bundle restore ID")

	r = bruno.must("bundle", "restore", ettore.ID)
	wantContains(t, r, "stdout", r.stdout, "«Agostini Ettore» (Persona): ripristinata la versione messa da parte")
	r = bruno.must("bundle", "scarta", giulia.ID)
	wantContains(t, r, "stdout", r.stdout, "«Baldelli Giulia» (Persona): resta la versione in uso")

	phones := bruno.people()
	if phones[ettore.RecordID] != "075 111 1111" || phones[giulia.RecordID] != "075 222 2222" {
		t.Errorf("after restore and dismiss Bruno's phones are %q and %q, want Anna's restored and Bruno's kept",
			phones[ettore.RecordID], phones[giulia.RecordID])
	}
	r = bruno.must("bundle", "conflicts")
	wantContains(t, r, "stdout", r.stdout, "Nessuna versione messa da parte da esaminare")
	r = bruno.must("bundle", "conflicts", "--all")
	wantContains(t, r, "stdout", r.stdout, "Esito", "Ripristinata", "Tenuta la versione attuale", "Sostituita da un ripristino")

	r = bruno.run("bundle", "restore", "non-esiste")
	wantCode(t, r, exitError)
	wantContains(t, r, "stderr", r.stderr, "Questa versione messa da parte non esiste più")

	t.Run("the restored version travels back", func(t *testing.T) {
		r := bruno.must("bundle", "export", "--for", "anna", "-o", e.path("bruno.tavoli"), "--no-encryption")
		wantContains(t, r, "stdout", r.stdout, "Destinatario  Anna (dispositivo "+anna.device+")",
			"tutti i dati di questo database: Anna non ha ancora confermato di aver ricevuto nulla da qui")
		wantContains(t, r, "stderr", r.stderr, "non è cifrato", "viaggiano senza protezione")
		anna.must("bundle", "import", e.path("bruno.tavoli"))
		phones := anna.people()
		if phones[ettore.RecordID] != "075 111 1111" || phones[giulia.RecordID] != "075 222 2222" {
			t.Errorf("Anna's phones are %q and %q, want Bruno's decisions", phones[ettore.RecordID], phones[giulia.RecordID])
		}
		// Anna answers: Bruno learns that his bundle arrived.
		anna.must("bundle", "export", "--for", "bruno", "-o", e.path("anna-2.tavoli"), "--no-encryption")
		bruno.must("bundle", "import", e.path("anna-2.tavoli"))
		r = bruno.must("bundle", "peers")
		wantContains(t, r, "stdout", r.stdout, "Anna", "Ha ricevuto", "bruno.tavoli (")
		if strings.Count(r.stdout, "mai") != 0 || strings.Contains(r.stdout, "nessun pacchetto") {
			t.Errorf("%v stdout = %q, want what Anna received and when, and the last bundle from her", r, r.stdout)
		}
	})
}

// TestBundleDump checks that two laptops that exchanged both ways print the same dump, and that a change
// on one shows in the dump until it travels.
func TestBundleDump(t *testing.T) {
	e := setup(t, "")
	anna, bruno := newLaptop(t, e, "Anna"), newLaptop(t, e, "Bruno")
	anna.demo()
	bruno.seed(nil)
	swap := func(from, to *laptop, name string, window ...string) {
		t.Helper()
		file := e.path(name)
		from.must(append([]string{"bundle", "export", "-o", file, "--no-encryption"}, window...)...)
		to.must("bundle", "import", file)
	}
	swap(anna, bruno, "a1.tavoli", "--all")
	swap(bruno, anna, "b1.tavoli", "--for", "Anna")
	a, b := anna.must("bundle", "dump").stdout, bruno.must("bundle", "dump").stdout
	if a != b || strings.Count(a, "\n") < 500 || !strings.Contains(a, `"kind":"person"`) {
		t.Fatalf("dumps after exchanging both ways: %d and %d bytes, equal %v", len(a), len(b), a == b)
	}
	anna.setPhone("Bellucci", "Federica", "075 000000")
	if anna.must("bundle", "dump").stdout == b {
		t.Fatal("a change on Anna's laptop does not show in her dump")
	}
	swap(anna, bruno, "a2.tavoli", "--for", "bruno")
	out := e.path("bruno.dump")
	bruno.must("bundle", "dump", "-o", out)
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != anna.must("bundle", "dump").stdout {
		t.Fatal("after the change travelled the dumps differ")
	}
}

// A new laptop previews the district's bundle before any database exists, and receives it into a
// database that does not exist yet; a preview or a changes-only bundle creates none, and no advice
// mentions the demo.
func TestBundleImportStartsNewDatabase(t *testing.T) {
	e := setup(t, "")
	anna, bruno, carla := newLaptop(t, e, "Anna"), newLaptop(t, e, "Bruno"), newLaptop(t, e, "Carla")
	anna.demo()
	carla.seed(nil)
	all, changes := e.path("tutto.tavoli"), e.path("modifiche.tavoli")
	anna.must("bundle", "export", "-o", all, "--no-encryption")
	carla.must("bundle", "import", all)
	carla.must("bundle", "export", "--for", "Anna", "-o", e.path("da-carla.tavoli"), "--no-encryption")
	anna.must("bundle", "import", e.path("da-carla.tavoli"))
	anna.setPhone("Bellucci", "Federica", "075 000000")
	var ex exported
	anna.decode(&ex, "bundle", "export", "-o", changes, "--no-encryption")
	if ex.Everything {
		t.Fatalf("Anna's export after Carla's acknowledgement = %+v, want the changes only", ex)
	}
	var outputs []result

	r := bruno.must("bundle", "import", all, "--dry-run")
	outputs = append(outputs, r)
	wantContains(t, r, "stdout", r.stdout, "Nel pacchetto", "60 persone", "Prova: nulla è stato scritto",
		"non esiste ancora")
	advice := quoted(t, r, r.stdout)
	if words := splitCommand(t, advice); !slices.Contains(words, all) || slices.Contains(words, "--dry-run") {
		t.Errorf("the preview advises %q, want the import of %s without --dry-run", advice, all)
	}
	if exists(t, bruno.db) {
		t.Fatal("a preview created the database")
	}
	var res imported
	bruno.decode(&res, "bundle", "import", all, "--dry-run")
	if res.Applied || res.total().New == 0 {
		t.Errorf("JSON preview = %+v, want every record new, not applied", res.total())
	}

	r = bruno.run("bundle", "import", changes)
	outputs = append(outputs, r)
	wantCode(t, r, exitError)
	wantContains(t, r, "stderr", r.stderr, "non esiste ancora", "contiene solo delle modifiche",
		"tavoli bundle export --all")
	everything := r
	r = bruno.run("bundle", "import", changes, "--dry-run")
	outputs = append(outputs, r)
	wantCode(t, r, exitError)
	r = bruno.run("list", "people")
	outputs = append(outputs, r)
	wantCode(t, r, exitError)
	wantContains(t, r, "stderr", r.stderr, "tavoli bundle import FILE.tavoli --db "+bruno.db)
	if exists(t, bruno.db) {
		t.Fatal("a changes-only bundle created the database")
	}
	for _, r := range outputs {
		if strings.Contains(r.stdout+r.stderr, "demo") {
			t.Errorf("%v advises the demo: %q", r, r.stdout+r.stderr)
		}
	}

	// As the refusal advised, Anna makes a bundle with everything; Bruno previews it and, as the dry run
	// advised, imports it.
	pass := writePassphrase(t, e, "frase.txt", "Lago Trasimeno, 12 marzo\n")
	fresh := e.path("di nuovo tutto.tavoli")
	anna.must(advised(t, everything, everything.stderr, "FILE.tavoli", `"`+fresh+`"`, "FRASE.txt", pass)...)
	r = bruno.must("bundle", "import", fresh, "--passphrase-file", pass, "--dry-run")
	advice = quoted(t, r, r.stdout)
	wantContains(t, r, "stdout", r.stdout, "--passphrase-file "+pass)
	t.Setenv("TAVOLI_CONFIG_DIR", bruno.cfg)
	mustRun(t, splitCommand(t, advice)[1:]...)
	if got, want := len(bruno.people()), len(anna.people()); got != want || got == 0 {
		t.Fatalf("Bruno's new database has %d people, want Anna's %d", got, want)
	}
	// The changes-only bundle refused before now goes in: Bruno holds what it left out.
	r = bruno.must("bundle", "import", changes)
	wantContains(t, r, "stdout", r.stdout, "Importato "+changes)
}

// quoted is the last «…» of an output: the command an advice gives.
func quoted(t *testing.T, r result, s string) string {
	t.Helper()
	i := strings.LastIndex(s, "«")
	j := strings.LastIndex(s, "»")
	if i < 0 || j < i {
		t.Fatalf("%v: no «command» in %q", r, s)
	}
	return s[i+len("«") : j]
}

// splitCommand splits an advised command line into words as a shell would: on spaces, with "…"
// keeping its spaces. It must start with tavoli.
func splitCommand(t *testing.T, line string) []string {
	t.Helper()
	var words []string
	var cur strings.Builder
	in, started := false, false
	for _, r := range line {
		switch {
		case r == '"':
			in, started = !in, true
		case r == ' ' && !in:
			if started {
				words = append(words, cur.String())
			}
			cur.Reset()
			started = false
		default:
			cur.WriteRune(r)
			started = true
		}
	}
	if started {
		words = append(words, cur.String())
	}
	if len(words) == 0 || words[0] != "tavoli" {
		t.Fatalf("advised command %q does not start with tavoli", line)
	}
	return words
}
