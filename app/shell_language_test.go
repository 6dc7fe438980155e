package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/assets"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/csvimport"
)

// translations reads one of our translation files: key → plain string, or the plural forms.
func translations(t *testing.T, name string) map[string]any {
	t.Helper()
	b, err := assets.Translations.ReadFile("translations/" + name)
	if err != nil {
		t.Fatalf("reading %s: %v", name, err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

// fyneKeys are the keys Fyne's own widgets and dialogs translate: the ones in Fyne's English file when
// its source is at hand, and at least those of the dialogs this program shows. Our own keys are all
// dotted lower-case words (keyShape); Fyne's are English words ("Cancel", "(Parent)", "monday").
func fyneKeys(t *testing.T) map[string]bool {
	keys := map[string]bool{}
	for _, k := range []string{"Cancel", "OK", "Yes", "No", "Open", "Save", "Error", "Confirm", "Quit",
		"Copy", "Cut", "Paste", "Select all", "Undo", "Redo", "file.name", "file.parent"} {
		keys[k] = true
	}
	fn := runtime.FuncForPC(reflect.ValueOf(lang.Localize).Pointer())
	if fn == nil {
		return keys
	}
	src, _ := fn.FileLine(fn.Entry())
	b, err := os.ReadFile(filepath.Join(filepath.Dir(src), "translations", "base.en.json"))
	if err != nil {
		t.Logf("Fyne's own translations are not readable (%v): checking the usual keys only", err)
		return keys
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("Fyne's base.en.json: %v", err)
	}
	for k := range m {
		keys[k] = true
	}
	return keys
}

// keyShape is what our translation keys look like: "err.person.email", "nav.sessions".
var keyShape = regexp.MustCompile(`^[a-z][a-z_]*(\.[a-z0-9_]+)+$`)

// prefixShape is the start of keys built in code: "category." + c.
var prefixShape = regexp.MustCompile(`^[a-z][a-z_]*(\.[a-z0-9_]+)*\.$`)

// sourceKeys scans the module's Go sources (tests excluded) for translation keys: literals passed to
// lang.L, lang.X and lang.N (i18n.L, i18n.X and i18n.N on the command line), the keys of coded errors, and any literal shaped like a key whose first
// word is one of the translation files' (command and section keys, keys chosen in a switch). Literals
// that end with a dot are prefixes of keys built in code.
func sourceKeys(t *testing.T, families map[string]bool) (keys map[string]string, prefixes map[string]string) {
	t.Helper()
	keys, prefixes = map[string]string{}, map[string]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != ".." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			where := fset.Position(lit.Pos()).String()
			switch {
			case prefixShape.MatchString(s) && families[strings.SplitN(s, ".", 2)[0]]:
				prefixes[s] = where
			case keyShape.MatchString(s) && families[strings.SplitN(s, ".", 2)[0]]:
				keys[s] = where
			}
			return true
		})
		// Literals given to lang or i18n whatever their shape ("Cancel", "OK").
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			x, ok := sel.X.(*ast.Ident)
			switch {
			case !ok:
				return true
			case x.Name == "lang":
			case x.Name == "i18n" && (sel.Sel.Name == "L" || sel.Sel.Name == "X" || sel.Sel.Name == "N"):
			default:
				return true
			}
			if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil && !strings.HasSuffix(s, ".") {
					keys[s] = fset.Position(lit.Pos()).String()
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatalf("scanning the sources: %v", err)
	}
	return keys, prefixes
}

// constants lists the values of the string constants of type typ declared in the data package.
func constants(t *testing.T, typ string) []string {
	t.Helper()
	fset := token.NewFileSet()
	dir := filepath.Join("..", "data")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, en := range entries {
		name := en.Name()
		if en.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != typ {
					continue
				}
				for _, v := range vs.Values {
					if lit, ok := v.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						s, _ := strconv.Unquote(lit.Value)
						out = append(out, s)
					}
				}
			}
		}
	}
	if len(out) == 0 {
		t.Fatalf("no constants of type %s in package data", typ)
	}
	return out
}

func strs[T ~string](list []T) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = string(v)
	}
	return out
}

func TestTranslationKeysExist(t *testing.T) {
	it, en := translations(t, "it.json"), translations(t, "en.json")
	fyneOwn := fyneKeys(t)
	families := map[string]bool{}
	for k := range it {
		if keyShape.MatchString(k) {
			families[strings.SplitN(k, ".", 2)[0]] = true
		}
	}

	used, prefixes := sourceKeys(t, families)
	if len(used) < 100 {
		t.Fatalf("found %d keys in the sources, want the scan to find them all (>100)", len(used))
	}

	// Keys built in code: each prefix found in the sources must be one of these families, so that a new
	// one cannot go unchecked.
	fields := append([]string{"ignore"}, strs(csvimport.Fields)...)
	built := map[string][]string{
		"category.":         strs(data.Categories),
		"gender.":           {"unknown", string(data.GenderFemminile), string(data.GenderMaschile)},
		"body.kind.":        strs(data.BodyKinds),
		"role.":             strs(data.Roles),
		"kind.":             constants(t, "Kind"),
		"kindname.":         constants(t, "Kind"),
		"rules.quorum.":     strs(quorumKinds),
		"rules.weighting.":  strs(weightings),
		"rules.base.":       strs(bases),
		"rules.threshold.":  strs(thresholds),
		"rules.tie.":        strs(tieBreaks),
		"import.field.":     fields,
		"field.":            constants(t, "Field"),
		"import.flag.":      constants(t, "ImportFlag"),
		"import.outcome.":   constants(t, "ImportOutcome"),
		"import.delimiter.": {"comma", "semicolon", "tab"},
		"pkind.":            strs(data.ProposalKinds),
		"pkind_short.":      strs(data.ProposalKinds),
		"delete.done.":      constants(t, "Kind"),
		"pstate.":           strs(data.ProposalStates),
		"cost.":             {"none", string(data.CostUnder5k), string(data.Cost5to25k), string(data.CostOver25k)},
		"tband.":            {"none", string(data.Time3to6), string(data.Time6to12), string(data.TimeOver12)},
		"sessions.state.":   strs(data.SessionStatuses),
		"sstatus.":          strs(data.SessionStatuses),
		"call.":             {string(data.CallPrima), string(data.CallSeconda)},
		"method.":           strs(data.VoteMethods),
		"vote.hint.":        {"dots", "points", "approval", "borda", "schulze", "score"},
		"choice.":           {"favorevole", "contrario", "astenuto", "favorevole_pl", "contrario_pl", "astenuto_pl"},
		"history.action.":   strs(data.HistoryActions),
		// The kinds a merge joins when created on two laptops.
		"exchange.import.joined.": {string(data.KindPerson), string(data.KindOrganisation)},
		// sqlite's nameTaken: "err." + kind + ".duplicate" for the kinds whose names are unique.
		"err.": {"comune.duplicate", "area.duplicate", "body.duplicate", "organisation.duplicate"},
	}
	for p, where := range prefixes {
		if _, ok := built[p]; !ok {
			t.Errorf("keys built from %q (%s) are not enumerated by this test: add the family to built", p, where)
		}
	}
	for p, codes := range built {
		for _, c := range codes {
			if _, ok := used[p+c]; !ok {
				used[p+c] = "built from " + p
			}
		}
	}
	// Every category is also offered by ParseCategory's words and counted in quorum choices: the
	// enumerations above must match what the interface lists.
	if len(quorumKinds) != len(constants(t, "QuorumKind")) {
		t.Errorf("the quorum select offers %d kinds, data declares %d", len(quorumKinds), len(constants(t, "QuorumKind")))
	}

	var missingIT, missingEN []string
	for k, where := range used {
		if _, ok := it[k]; !ok {
			missingIT = append(missingIT, k+" ("+where+")")
		}
		if fyneOwn[k] || !keyShape.MatchString(k) {
			continue
		}
		if _, ok := en[k]; !ok {
			missingEN = append(missingEN, k+" ("+where+")")
		}
	}
	sort.Strings(missingIT)
	sort.Strings(missingEN)
	if len(missingIT) > 0 {
		t.Errorf("keys missing from it.json:\n%s", strings.Join(missingIT, "\n"))
	}
	if len(missingEN) > 0 {
		t.Errorf("keys missing from en.json:\n%s", strings.Join(missingEN, "\n"))
	}
}

var placeholderRE = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

// placeholders lists the {{.name}} of a translation, plural forms included.
func placeholders(v any) []string {
	set := map[string]bool{}
	var add func(any)
	add = func(v any) {
		switch x := v.(type) {
		case string:
			for _, m := range placeholderRE.FindAllStringSubmatch(x, -1) {
				set[m[1]] = true
			}
		case map[string]any:
			for _, f := range x {
				add(f)
			}
		}
	}
	add(v)
	var out []string
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestTranslationsAgree(t *testing.T) {
	it, en := translations(t, "it.json"), translations(t, "en.json")
	fyneOwn := fyneKeys(t)
	for k, v := range it {
		if v == "" {
			t.Errorf("it.json %q is empty", k)
		}
		e, ok := en[k]
		if !ok {
			if !fyneOwn[k] && keyShape.MatchString(k) {
				t.Errorf("it.json has %q, en.json does not", k)
			}
			continue
		}
		if a, b := strings.Join(placeholders(v), ","), strings.Join(placeholders(e), ","); a != b {
			t.Errorf("%q placeholders: it {%s}, en {%s}", k, a, b)
		}
		if pv, ok := v.(map[string]any); ok {
			pe, _ := e.(map[string]any)
			for _, form := range []string{"one", "other"} {
				if pv[form] == nil || pe[form] == nil {
					t.Errorf("plural %q lacks the %q form (it %v, en %v)", k, form, pv[form], pe[form])
				}
			}
		}
	}
	for k := range en {
		if _, ok := it[k]; !ok {
			t.Errorf("en.json has %q, it.json does not", k)
		}
	}
}

func TestFyneDialogsSpeakItalian(t *testing.T) {
	tests := []struct{ key, want string }{
		{"Cancel", "Annulla"}, {"OK", "OK"}, {"Yes", "Sì"}, {"No", "No"}, {"Open", "Apri"},
		{"Save", "Salva"}, {"Error", "Errore"}, {"Confirm", "Conferma"}, {"Quit", "Esci"},
		{"Create Folder", "Crea cartella"}, {"Show Hidden Files", "Mostra file nascosti"},
	}
	for _, tt := range tests {
		if got := lang.L(tt.key); got != tt.want {
			t.Errorf("lang.L(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
	if got := lang.X("file.name", "Name"); got != "Nome" {
		t.Errorf("lang.X(file.name) = %q, want Nome", got)
	}
	it := translations(t, "it.json")
	for k := range fyneKeys(t) {
		if _, ok := it[k]; !ok {
			t.Errorf("Fyne's %q has no Italian in it.json", k)
		}
	}
	if got := lang.N("kind.seat", 2, map[string]any{"n": 2}); got != "2 seggi" {
		t.Errorf("lang.N(kind.seat, 2) = %q, want 2 seggi", got)
	}
	if got := describeRefs([]data.Ref{{Kind: data.KindSeat}, {Kind: data.KindMembership}, {Kind: data.KindSeat}}); got != "2 seggi, 1 appartenenza a un organo" {
		t.Errorf("describeRefs = %q, want 2 seggi, 1 appartenenza a un organo", got)
	}
}

func TestExplain(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"nil", nil, ""},
		{"with args", data.Errorf(data.EInvalid, "err.person.email", "name", "Rossi Mario", "value", "mario@"),
			"L'indirizzo email di Rossi Mario non è valido: «mario@»."},
		{"wrapped by fmt", fmt.Errorf("saving: %w", data.Errorf(data.ENotOurs, "err.db.foreign", "path", "/dati/fatture.sqlite")),
			"/dati/fatture.sqlite è un database SQLite di un altro programma, non di Tavoli: non lo tocco."},
		{"row of an import", data.Errorf(data.EInvalid, "err.import.row", "line", 4).Wrap(
			data.Errorf(data.EInvalid, "err.person.surname_required", "name", "Mario")),
			"Riga 4: Manca il cognome di Mario."},
		{"internal with detail", data.Errorf(data.EInternal, "err.db.internal").Wrap(errors.New("disk I/O error")),
			"Errore del database: la modifica non è stata salvata. (Dettaglio tecnico: disk I/O error)"},
		{"not ours", errors.New("boom"),
			"Si è verificato un errore imprevisto: boom. Nulla è stato scritto; riprova, e se si ripete avvisa chi cura il programma."},
		{"field too long in an import", data.Errorf(data.EInvalid, "err.import.row", "line", 14).Wrap(
			data.Errorf(data.EInvalid, "err.too_long", "field", data.FieldSurname, "max", 100)),
			"Riga 14: Il campo «Cognome» supera i 100 caratteri ammessi: accorcialo."},
		{"numbers", data.Errorf(data.EInvalid, "err.csv.fields", "line", 7, "got", 3, "want", 5),
			"Il file non è un CSV valido: la riga 7 ha 3 campi invece di 5. Nulla è stato importato; correggi il file e riprova."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := i18n.Explain(tt.err); got != tt.want {
				t.Errorf("i18n.Explain(%v) = %q, want %q", tt.err, got, tt.want)
			}
		})
	}

	// Every error sentence, with every placeholder given, reads without template marks.
	for k, v := range translations(t, "it.json") {
		if !strings.HasPrefix(k, "err.") {
			continue
		}
		var args []any
		for _, p := range placeholders(v) {
			args = append(args, p, "«"+p+"»")
		}
		got := i18n.Explain(data.Errorf(data.EInvalid, k, args...))
		if strings.Contains(got, "{{") || strings.Contains(got, "<no value>") || got == k || got == "" {
			t.Errorf("i18n.Explain(%s) = %q, want the sentence with its arguments", k, got)
		}
		for _, p := range placeholders(v) {
			if !strings.Contains(got, "«"+p+"»") {
				t.Errorf("i18n.Explain(%s) = %q, want the argument %s in it", k, got, p)
			}
		}
	}
}

func TestSetupLanguage(t *testing.T) {
	t.Cleanup(func() { SetupLanguage("it") })
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LC_ALL", os.Getenv("LC_ALL")) // restored afterwards: SetupLanguage may change it
	t.Setenv("TAVOLI_LANG", "")
	tests := []struct {
		env, pref, want, nav string
	}{
		{"", "", "it", "Sedute"},
		{"", "en", "en", "Sessions"},
		{" EN ", "it", "en", "Sessions"},
		{"fr", "", "it", "Sedute"},
		{"", "de", "it", "Sedute"},
		{"it", "en", "it", "Sedute"},
	}
	for _, tt := range tests {
		os.Setenv("TAVOLI_LANG", tt.env)
		if got := SetupLanguage(tt.pref); got != tt.want {
			t.Errorf("SetupLanguage(%q) with TAVOLI_LANG=%q = %q, want %q", tt.pref, tt.env, got, tt.want)
		}
		if got := lang.L("nav.sessions"); got != tt.nav {
			t.Errorf("after SetupLanguage(%q) with TAVOLI_LANG=%q nav.sessions = %q, want %q", tt.pref, tt.env, got, tt.nav)
		}
	}
	os.Setenv("TAVOLI_LANG", "")
}

// TestTextsSpeakAsFyne checks that the command line's texts (app/i18n, without Fyne) say what the
// window's lang says, for every key in both languages: the same template filling, the same plural
// forms, the same language chosen.
func TestTextsSpeakAsFyne(t *testing.T) {
	t.Cleanup(func() { SetupLanguage("it") })
	t.Setenv("TAVOLI_LANG", "")
	t.Setenv("LC_ALL", os.Getenv("LC_ALL"))
	field := regexp.MustCompile(`\{\{\s*\.(\w+)`)
	for _, l := range Languages {
		if got := SetupLanguage(l); got != l || i18n.Language() != l {
			t.Fatalf("SetupLanguage(%q) = %q, i18n.Language() = %q", l, got, i18n.Language())
		}
		for key, v := range translations(t, l+".json") {
			b, _ := json.Marshal(v)
			args := map[string]any{}
			for _, m := range field.FindAllStringSubmatch(string(b), -1) {
				args[m[1]] = "«" + m[1] + "»"
			}
			forms, plural := v.(map[string]any)
			if !plural {
				if got, want := i18n.L(key, args), lang.L(key, args); got != want {
					t.Errorf("%s: i18n.L(%q) = %q, want %q as lang.L", l, key, got, want)
				}
				continue
			}
			counts := []int{0, 2, 11} // "other"; a form a message lacks makes both log and fall back alike
			if forms["one"] != nil {
				counts = append(counts, 1)
			}
			if forms["many"] != nil {
				counts = append(counts, 1000000)
			}
			for _, n := range counts {
				args["n"] = n
				if got, want := i18n.N(key, n, args), lang.N(key, n, args); got != want {
					t.Errorf("%s: i18n.N(%q, %d) = %q, want %q as lang.N", l, key, n, got, want)
				}
			}
		}
	}
}
