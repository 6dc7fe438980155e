package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	docs "github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/install"
	"github.com/tavoli/tavoli/data/sqlite"
)

// advised is the «tavoli …» command an advice gives, with its placeholders for the file and the
// passphrase file replaced.
func advised(t *testing.T, r result, s string, replace ...string) []string {
	t.Helper()
	i := strings.LastIndex(s, "«tavoli ")
	if i < 0 {
		t.Fatalf("%v: no «tavoli …» command in %q", r, s)
	}
	rest := s[i+len("«"):]
	cmd := rest[:strings.Index(rest, "»")]
	cmd = strings.NewReplacer(replace...).Replace(cmd)
	return splitCommand(t, cmd)[1:]
}

// A changes-only bundle that reaches a laptop which missed the bundle before it is refused; both pieces
// of advice work, and following the second one twice never loops.
func TestBundleGapAdvice(t *testing.T) {
	e := setup(t, "")
	anna, bruno, carla, dario := newLaptop(t, e, "Anna"), newLaptop(t, e, "Bruno"), newLaptop(t, e, "Carla"),
		newLaptop(t, e, "Dario")
	anna.demo()
	for _, l := range []*laptop{bruno, carla, dario} {
		l.seed(nil)
	}
	all := e.path("Trasimeno.tavoli")
	anna.must("bundle", "export", "-o", all, "--no-encryption")
	carla.must("bundle", "import", all)
	carla.must("bundle", "export", "--for", "Anna", "-o", e.path("da-carla.tavoli"), "--no-encryption")
	anna.must("bundle", "import", e.path("da-carla.tavoli"))
	anna.setPhone("Agostini", "Ettore", "075 000 0001")
	changes := e.path("modifiche.tavoli")
	anna.must("bundle", "export", "-o", changes, "--no-encryption")

	for _, l := range []*laptop{bruno, dario} {
		before := digest(t, l.db)
		r := l.run("bundle", "import", changes)
		wantCode(t, r, exitError)
		wantContains(t, r, "stderr", r.stderr, "Il pacchetto di Anna contiene solo le modifiche successive",
			"«Trasimeno.tavoli»", "Importa prima «Trasimeno.tavoli», poi di nuovo questo",
			"tavoli bundle export --for "+l.device+" -o FILE.tavoli --passphrase-file FRASE.txt")
		wantUntouched(t, r, l.db, before)
	}

	t.Run("the missing bundle first", func(t *testing.T) {
		bruno.must("bundle", "import", all)
		var res imported
		bruno.decode(&res, "bundle", "import", changes)
		if res.total().Updated != 1 {
			t.Errorf("the refused bundle, after the missing one: %+v, want Ettore's phone", res.total())
		}
	})

	t.Run("a bundle made for this computer", func(t *testing.T) {
		r := dario.run("bundle", "import", changes)
		pass := writePassphrase(t, e, "frase.txt", "Lago Trasimeno, 12 marzo\n")
		for i, phone := range []string{"", "075 000 0002"} {
			if phone != "" {
				anna.setPhone("Agostini", "Ettore", phone)
			}
			file := e.path("per-dario.tavoli")
			anna.must(append(advised(t, r, r.stderr, "FILE.tavoli", file, "FRASE.txt", pass), "--force")...)
			var res imported
			dario.decode(&res, "bundle", "import", file, "--passphrase-file", pass)
			if !res.Applied || (i == 0) != res.Everything {
				t.Errorf("Anna's bundle for Dario, round %d: %+v", i+1, res)
			}
			// Dario answers, so that Anna's next bundle for him starts where he stands.
			dario.must("bundle", "export", "--for", "Anna", "-o", e.path("da-dario.tavoli"), "--no-encryption", "--force")
			anna.must("bundle", "import", e.path("da-dario.tavoli"))
		}
		if got := dario.people(); len(got) != 60 {
			t.Errorf("Dario has %d people, want the district's 60", len(got))
		}
	})
}

// An export never replaces a file without asking: --force, or a yes typed at the terminal.
func TestBundleExportDoesNotOverwrite(t *testing.T) {
	e := setup(t, "")
	oldIn, oldTerm := stdin, stdinIsTerminal
	t.Cleanup(func() { stdin, stdinIsTerminal = oldIn, oldTerm })
	stdinIsTerminal = func() bool { return false } // as in a script

	anna := newLaptop(t, e, "Anna")
	anna.demo()
	file := e.path("scambio.tavoli")
	anna.must("bundle", "export", "-o", file, "--no-encryption")
	hist := func() int {
		var h []map[string]any
		anna.decode(&h, "bundle", "history")
		return len(h)
	}
	before, exports := digest(t, file), hist()

	r := anna.run("bundle", "export", "-o", file, "--no-encryption")
	wantCode(t, r, exitError)
	wantContains(t, r, "stderr", r.stderr, "Il file "+file+" esiste già", "--force", "Nessun file è stato scritto")
	if digest(t, file) != before || hist() != exports {
		t.Fatalf("%v replaced the file or recorded an export", r)
	}

	answer := func(typed string) {
		stdin, stdinIsTerminal = strings.NewReader(typed), func() bool { return true }
	}
	answer("n\n")
	r = anna.run("bundle", "export", "-o", file, "--no-encryption")
	wantCode(t, r, exitError)
	wantContains(t, r, "stderr", r.stderr, "esiste già. Sostituirlo", "[s/N]", "è rimasto com'era")
	if digest(t, file) != before || hist() != exports {
		t.Fatalf("%v with «n» replaced the file or recorded an export", r)
	}
	answer("sì\n")
	anna.must("bundle", "export", "-o", file, "--no-encryption")
	if digest(t, file) == before || hist() != exports+1 {
		t.Fatal("a yes at the terminal did not replace the file")
	}

	// As the refusal advised.
	stdinIsTerminal = func() bool { return false }
	before = digest(t, file)
	anna.must("bundle", "export", "-o", file, "--no-encryption", "--force")
	if digest(t, file) == before {
		t.Fatal("--force did not replace the file")
	}
}

// Peers show the last bundle each actually received, from its acknowledgement, and when.
func TestBundlePeersShowWhatArrived(t *testing.T) {
	e := setup(t, "")
	anna, bruno := newLaptop(t, e, "Anna"), newLaptop(t, e, "Bruno")
	anna.demo()
	bruno.seed(nil)
	for i := 1; i <= 8; i++ {
		anna.setPhone("Agostini", "Ettore", "075 000 000"+string(rune('0'+i)))
		file := e.path("a" + string(rune('0'+i)) + ".tavoli")
		anna.must("bundle", "export", "-o", file, "--no-encryption")
		if i <= 5 { // the last three never reach Bruno
			bruno.must("bundle", "import", file)
		}
	}
	r := anna.must("bundle", "peers")
	wantContains(t, r, "stdout", r.stdout, "Questo database non conosce altri computer")
	bruno.must("bundle", "export", "--for", "Anna", "-o", e.path("b1.tavoli"), "--no-encryption")
	anna.must("bundle", "import", e.path("b1.tavoli"))

	var peers []struct {
		Device   string `json:"device"`
		Received struct {
			File string `json:"file"`
			Sent string `json:"sent"`
			At   string `json:"at"`
		} `json:"received"`
	}
	anna.decode(&peers, "bundle", "peers")
	if len(peers) != 1 || peers[0].Device != bruno.device || peers[0].Received.File != "a5.tavoli" ||
		peers[0].Received.Sent == "" || peers[0].Received.At == "" {
		t.Fatalf("Anna's peers = %+v, want Bruno having received a5.tavoli", peers)
	}
	r = anna.must("bundle", "peers")
	wantContains(t, r, "stdout", r.stdout, "Ha ricevuto", "Importato il", "Bruno", "a5.tavoli (")
	if strings.Contains(r.stdout, "mai") {
		t.Errorf("%v stdout = %q, want no «mai»: Bruno received five bundles and sent one", r, r.stdout)
	}
}

// withStore runs fn on the laptop's database opened as its own device: what the window does.
func (l *laptop) withStore(fn func(ctx context.Context, st *sqlite.Store)) {
	l.t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, l.db, sqlite.Options{Device: l.device, Verbale: docs.Verbale})
	if err != nil {
		l.t.Fatal(err)
	}
	defer st.Close()
	fn(ctx, st)
}

// bundle conflicts says when a version, set aside or current, is a deletion.
func TestBundleConflictsDeletion(t *testing.T) {
	e := setup(t, "")
	anna, bruno := newLaptop(t, e, "Anna"), newLaptop(t, e, "Bruno")
	anna.demo()
	bruno.seed(nil)
	anna.must("bundle", "export", "-o", e.path("tutto.tavoli"), "--no-encryption")
	bruno.must("bundle", "import", e.path("tutto.tavoli"))

	// X: Anna deletes, then Bruno edits (the edit wins). Y: Bruno edits, then Anna deletes (the deletion
	// wins).
	var x, y string
	edit := func(id string) {
		bruno.withStore(func(ctx context.Context, st *sqlite.Store) {
			p, err := st.Person(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			p.Phone = "075 999 9999"
			if _, err := st.SavePerson(ctx, p.Person); err != nil {
				t.Fatal(err)
			}
		})
	}
	var people []map[string]any
	anna.decode(&people, "list", "people")
	for _, p := range people {
		id := str(t, p, "id")
		if y != "" {
			break
		}
		if x != "" {
			edit(id)
		}
		anna.withStore(func(ctx context.Context, st *sqlite.Store) {
			if _, err := st.Delete(ctx, data.Ref{Kind: data.KindPerson, ID: id}); err != nil {
				return // one in an approved register stays
			}
			if x == "" {
				x = id
			} else {
				y = id
			}
		})
		if id == x {
			edit(id)
		}
	}
	if y == "" {
		t.Fatal("fewer than two people of the demo could be deleted")
	}
	anna.must("bundle", "export", "-o", e.path("anna.tavoli"), "--no-encryption")
	bruno.must("bundle", "import", e.path("anna.tavoli"))
	bruno.must("bundle", "export", "--for", "Anna", "-o", e.path("bruno.tavoli"), "--no-encryption")
	anna.must("bundle", "import", e.path("bruno.tavoli"))

	for _, l := range []*laptop{anna, bruno} {
		var versions []struct {
			RecordID        string `json:"record_id"`
			Deletion        bool   `json:"deletion"`
			CurrentDeletion bool   `json:"current_deletion"`
		}
		l.decode(&versions, "bundle", "conflicts")
		got := map[string][2]bool{}
		for _, v := range versions {
			got[v.RecordID] = [2]bool{v.Deletion, v.CurrentDeletion}
		}
		if got[x] != [2]bool{true, false} || got[y] != [2]bool{false, true} {
			t.Errorf("%s's versions set aside = %+v, want X's deletion aside beside Bruno's edit, and Bruno's edit of Y "+
				"aside beside Anna's deletion", l.operator, versions)
		}
	}
	r := bruno.must("bundle", "conflicts")
	wantContains(t, r, "stdout", r.stdout, "eliminazione: Anna, ", "questo computer, ")
	r = anna.must("bundle", "conflicts")
	wantContains(t, r, "stdout", r.stdout, "eliminazione: questo computer, ", "Bruno, ")
}

// tavoli config shows and sets the operator and the computer's name, which then travel in bundles.
func TestConfig(t *testing.T) {
	e := setup(t, "")
	anna, bruno := newLaptop(t, e, "Anna"), newLaptop(t, e, "Bruno")
	writeInstallation(t, anna.cfg, install.Installation{DeviceID: anna.device, DeviceName: "pc-anna"})
	anna.demo()
	bruno.seed(nil)
	r := anna.must("config")
	wantContains(t, r, "stdout", r.stdout, "Operatore", "non indicato", "Computer", "pc-anna", anna.device)

	r = anna.must("config", "operator", "  Lucia   Ferri ")
	wantContains(t, r, "stdout", r.stdout, "Operatore: Lucia Ferri.")
	r = anna.must("configura", "computer", "Portatile 3")
	wantContains(t, r, "stdout", r.stdout, "Nome del computer: Portatile 3.")
	var cfg map[string]string
	anna.decode(&cfg, "config")
	if cfg["operator"] != "Lucia Ferri" || cfg["computer"] != "Portatile 3" || cfg["device_id"] != anna.device {
		t.Errorf("config = %v, want Lucia Ferri on Portatile 3", cfg)
	}
	b, err := os.ReadFile(filepath.Join(anna.cfg, install.FileName))
	if err != nil || !strings.Contains(string(b), "Lucia Ferri") {
		t.Errorf("installation file = %q (%v), want the operator saved", b, err)
	}

	for _, args := range [][]string{{"config", "operator"}, {"config", "operator", "   "}, {"config", "colore", "blu"},
		{"config", "operator", "Lucia", "Ferri"}, {"config", "operator", strings.Repeat("a", 81)}} {
		r := anna.run(args...)
		wantCode(t, r, exitUsage)
	}

	// The names reach the other laptop with the next bundle.
	anna.must("bundle", "export", "-o", e.path("tutto.tavoli"), "--no-encryption")
	r = bruno.must("bundle", "import", e.path("tutto.tavoli"), "--dry-run")
	wantContains(t, r, "stdout", r.stdout, "Mittente   Lucia Ferri (dispositivo "+anna.device+")")
	bruno.must("bundle", "import", e.path("tutto.tavoli"))
	var peers []map[string]any
	bruno.decode(&peers, "bundle", "peers")
	if len(peers) != 1 || peers[0]["name"] != "Lucia Ferri" {
		t.Errorf("Bruno's peers = %v, want Lucia Ferri", peers)
	}
	var raw json.RawMessage
	bruno.decode(&raw, "bundle", "history")
}
