package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/tavoli/tavoli/data"
)

// excelCSV is what Excel in Italian writes with "CSV (delimitato dal separatore di elenco)": semicolons,
// CRLF, Windows-1252.
func excelCSV(t *testing.T, lines ...string) []byte {
	t.Helper()
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(strings.Join(lines, "\r\n") + "\r\n"))
	if err != nil {
		t.Fatalf("encoding the CSV as Windows-1252: %v", err)
	}
	return b
}

// outcomes reads the preview's rows as drawn: full name → outcome cell, and whether it is highlighted.
func outcomes(p *importPreview) (text map[string]string, warned map[string]bool) {
	text, warned = map[string]string{}, map[string]bool{}
	for i := 0; i < p.list.Length(); i++ {
		item := p.list.CreateItem()
		p.list.UpdateItem(i, item)
		cells := item.(*fyne.Container).Objects
		name := cells[1].(*widget.Label).Text
		out := cells[4].(*widget.Label)
		text[name] = out.Text
		warned[name] = out.Importance == widget.WarningImportance
	}
	return text, warned
}

func TestImportPreviewAndApply(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	bellucci := e.person("Bellucci Federica")
	file := excelCSV(t,
		"Cognome;Nome;Ente;Categoria;Comune;Email;Telefono",
		"Mezzàsoma;Zoè;Associazione Città Aperta;Associazione;Magione;zoe.mezzasoma@example.org;075 111 2222",
		"Bellucci;Federica;Comune di Castiglione del Lago;Comune;Castiglione del Lago;"+bellucci.Email+";075 999 0000",
		"Tittarelli;Gino;;Marziano;Perugia;;",
	)
	if strings.Contains(string(file), "Mezzàsoma") {
		t.Fatal("the file is UTF-8, want Windows-1252")
	}

	p := e.ui.previewImport("persone.csv", file)
	if p == nil {
		t.Fatalf("previewImport refused the file: %q", texts(e.overlay()))
	}
	dlg := e.mustOverlay("the import preview")
	if !hasText(dlg, "File persone.csv: 3 righe, codifica Windows-1252, separatore punto e virgola.") {
		t.Errorf("preview = %q, want the file's description", texts(dlg))
	}
	var mapped []string
	for _, s := range p.selects {
		mapped = append(mapped, s.Selected)
	}
	if got, want := strings.Join(mapped, "|"), "Cognome|Nome|Ente|Categoria|Comune|Email|Telefono"; got != want {
		t.Errorf("columns guessed = %q, want %q", got, want)
	}

	summary := func(n, u, same, orgs, flagged string) string {
		return "Persone nuove: " + n + " · aggiornate: " + u + " · invariate: " + same +
			" · righe ripetute: 0 · enti nuovi: " + orgs + " · righe da controllare: " + flagged + "."
	}
	if got, want := p.summary.Text, summary("2", "1", "0", "1", "2"); got != want {
		t.Errorf("summary = %q, want %q", got, want)
	}
	text, warned := outcomes(p)
	wantRows := map[string]struct {
		outcome string
		warned  bool
	}{
		"Mezzàsoma Zoè":     {"nuova · ente nuovo", true},
		"Bellucci Federica": {"aggiornata", false},
		"Tittarelli Gino": {"nuova · categoria sconosciuta: diventa «altro»; «Perugia» non è un comune dell'Ambito: " +
			"conservato come testo", true},
	}
	for name, w := range wantRows {
		if text[name] != w.outcome || warned[name] != w.warned {
			t.Errorf("row %s = %q (highlighted %v), want %q (highlighted %v)", name, text[name], warned[name], w.outcome, w.warned)
		}
	}
	if n := len(e.people("")); n != 60 {
		t.Fatalf("people after the preview = %d, want 60: a preview writes nothing", n)
	}

	// Telephone not imported: Bellucci is then unchanged.
	p.selects[6].SetSelected("(non importare)")
	if got, want := p.summary.Text, summary("2", "0", "1", "1", "2"); got != want {
		t.Errorf("summary without the phone column = %q, want %q", got, want)
	}
	if text, _ := outcomes(p); text["Bellucci Federica"] != "già presente, invariata" {
		t.Errorf("Bellucci without the phone column = %q, want già presente, invariata", text["Bellucci Federica"])
	}
	// No surname column: nothing can be imported, and the preview says why.
	p.selects[0].SetSelected("(non importare)")
	if p.ok || !p.errs.wrap.Visible() || !strings.Contains(p.errs.wrap.Text, "colonna del cognome") {
		t.Errorf("preview without a surname column: ok %v, error %q (shown %v)", p.ok, p.errs.wrap.Text, p.errs.wrap.Visible())
	}
	if p.summary.Text != "Nulla da importare finché il problema qui sotto non è risolto." {
		t.Errorf("summary without a surname column = %q", p.summary.Text)
	}
	p.selects[0].SetSelected("Cognome")
	p.selects[6].SetSelected("Telefono")
	if got, want := p.summary.Text, summary("2", "1", "0", "1", "2"); got != want {
		t.Errorf("summary with the columns back = %q, want %q", got, want)
	}

	test.Tap(button(t, dlg, "Importa"))
	done := e.mustOverlay("the import's result")
	if want := "Importazione completata: 2 persone nuove, 1 aggiornate, 1 enti nuovi."; !hasText(done, want) {
		t.Errorf("result = %q, want %q", texts(done), want)
	}
	if n := len(e.people("")); n != 62 {
		t.Errorf("people after importing = %d, want 62", n)
	}
	zoe := e.person("Mezzàsoma Zoè")
	if zoe.Surname != "Mezzàsoma" || zoe.Name != "Zoè" || zoe.OrganisationName != "Associazione Città Aperta" ||
		zoe.ComuneName != "Magione" || zoe.Category != data.CatAssociazione {
		t.Errorf("imported person = %q %q, %q, %q, %s; want the accents intact", zoe.Surname, zoe.Name, zoe.OrganisationName, zoe.ComuneName, zoe.Category)
	}
	gino := e.person("Tittarelli Gino")
	if gino.ComuneText != "Perugia" || gino.Category != data.CatAltro {
		t.Errorf("Tittarelli = comune text %q, category %s; want Perugia kept and altro", gino.ComuneText, gino.Category)
	}
	if got := e.person("Bellucci Federica"); got.Phone != "075 999 0000" || got.ID != bellucci.ID {
		t.Errorf("Bellucci = %q (id %s), want the new phone on the same record %s", got.Phone, got.ID, bellucci.ID)
	}
	if rowIndex(e.ui.people.pane.table, 0, "Mezzàsoma Zoè") < 0 {
		t.Error("the people list does not show the imported person")
	}
}

func TestImportRefusesBrokenFiles(t *testing.T) {
	broken, err := os.ReadFile(filepath.Join("testdata", "broken_quote.csv"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		content []byte
		want    string
	}{
		{"broken_quote.csv", broken, "Il file non è un CSV valido: alla riga 3 delle virgolette non sono chiuse. " +
			"Nulla è stato importato; correggi il file e riprova."},
		{"persone.xlsx", []byte("PK\x03\x04\x14\x00\x06\x00xl/workbook.xml"), "persone.xlsx è un foglio di calcolo, non un CSV: " +
			"aprilo con Excel o LibreOffice e salvalo come CSV"},
		{"rubrica.csv", []byte("Cognome;Nome\r\n"), "Il file ha solo l'intestazione: nessuna persona da importare."},
		{"unicode.txt", []byte("C\x00o\x00g\x00n\x00o\x00m\x00e\x00"), "Il file non è un testo CSV (contiene caratteri binari)"},
		{"misto.csv", []byte("Cognome;Nome\r\nRossi;Niccolò\r\nBartolucci;Niccol\xf2\r\n"), "La riga 3 del file non è testo UTF-8 valido. " +
			"Nulla è stato importato: salva il file come «CSV UTF-8»"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
			if p := e.ui.previewImport(tt.name, tt.content); p != nil {
				t.Fatalf("previewImport(%s) opened a preview", tt.name)
			}
			o := e.mustOverlay("the error")
			if !hasText(o, tt.want) {
				t.Errorf("error dialog = %q, want %q", texts(o), tt.want)
			}
			if !hasText(o, "Errore") {
				t.Errorf("error dialog = %q, want the title Errore", texts(o))
			}
			if b := buttonTexts(o); !contains(b, "OK") {
				t.Errorf("error dialog buttons = %q, want OK", b)
			}
			if n := len(e.people("")); n != 60 {
				t.Errorf("people after refusing %s = %d, want 60", tt.name, n)
			}
		})
	}
}

// TestImportUnicodeText previews what Excel saves as "Testo Unicode": UTF-16 with a BOM, tabs.
func TestImportUnicodeText(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	file, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(
		[]byte("Cognome\tNome\tEnte\r\nMezzàsoma\tZoè\tAssociazione Città Aperta\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	p := e.ui.previewImport("elenco.txt", file)
	if p == nil {
		t.Fatalf("previewImport refused the file: %q", texts(e.overlay()))
	}
	dlg := e.mustOverlay("the import preview")
	if !hasText(dlg, "File elenco.txt: 1 righe, codifica UTF-16 LE, separatore tabulazione.") {
		t.Errorf("preview = %q, want the file's description", texts(dlg))
	}
	if text, _ := outcomes(p); text["Mezzàsoma Zoè"] != "nuova · ente nuovo" {
		t.Errorf("preview rows = %q, want Mezzàsoma Zoè new with her accents", text)
	}
}

func TestImportNotReady(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	p := e.ui.previewImport("persone.csv", excelCSV(t, "Cognome;Nome", ";Mario"))
	if p == nil {
		t.Fatal("previewImport refused a readable file")
	}
	if p.ok {
		t.Fatal("a row without surname is ready to import")
	}
	if want := "Alla riga 2 (Mario) manca il cognome."; !strings.Contains(p.errs.wrap.Text, want) {
		t.Errorf("preview error = %q, want %q", p.errs.wrap.Text, want)
	}
	test.Tap(button(t, e.mustOverlay("the preview"), "Importa"))
	if o := e.mustOverlay("the refusal"); !hasText(o, "Prima risolvi il problema indicato nell'anteprima.") {
		t.Errorf("dialog after Importa = %q, want the reason", texts(o))
	}
	if n := len(e.people("")); n != 60 {
		t.Errorf("people = %d, want 60", n)
	}
}

// TestImportProgressBar checks that the preview and the import each move a bar through the rows up to
// the total, a hundred steps at most whatever the file's size, and take it away when done.
func TestImportProgressBar(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	lines := []string{"Cognome;Nome;Email"}
	for i := range 250 {
		lines = append(lines, fmt.Sprintf("Cognome%03d;Nome;persona%03d@example.org", i, i))
	}
	// What the bars on top of the window say after each update the store sends; a bar left where no
	// layout put it (the top left corner, over the window) is a failure.
	var seen []string
	e.ui.do = func(f func()) {
		f()
		walk(e.overlay(), func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.ProgressBar); ok {
				seen = append(seen, b.TextFormatter())
				if b.Position().IsZero() || b.Size().Width < 100 {
					t.Errorf("the bar saying %q is at %v, %v: not laid out", b.TextFormatter(), b.Position(), b.Size())
				}
			}
		})
	}
	check := func(what string) {
		t.Helper()
		if len(seen) < 2 || len(seen) > 101 || seen[len(seen)-1] != "250 di 250 righe" || seen[0] == seen[len(seen)-1] {
			t.Errorf("%s: the bar said %d times %q … %q, want a few times up to 250 di 250 righe", what, len(seen),
				seen[0:min(len(seen), 1)], seen[max(len(seen)-1, 0):])
		}
		seen = nil
	}

	p := e.ui.previewImport("elenco.csv", []byte(strings.Join(lines, "\r\n")))
	if p == nil {
		t.Fatalf("previewImport refused the file: %q", texts(e.overlay()))
	}
	check("preview")
	if p.bar.Visible() {
		t.Error("the preview's bar is still shown after the preview")
	}
	test.Tap(button(t, e.mustOverlay("the preview"), "Importa"))
	check("import")
	done := e.mustOverlay("the import's result")
	if !hasText(done, "Importazione completata: 250 persone nuove") {
		t.Errorf("after the import the window shows %q, want the result", texts(done))
	}
	if n := len(e.people("")); n != 310 {
		t.Errorf("people after importing = %d, want 310", n)
	}
}
