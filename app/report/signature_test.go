package report

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

// lastPageKeeps renders documents whose text ends at every height of a page and checks that the page
// of the signature (the last that names sign) holds the end of the text (want) too: a signature never
// stands alone on its page.
func lastPageKeeps(t *testing.T, name string, n int, render func(i int) ([]byte, error), want func(i int) string, sign string) {
	t.Helper()
	checked, pages := 0, map[int]bool{}
	for i := range n {
		b, err := render(i)
		if err != nil {
			t.Fatal(err)
		}
		path := writePDF(t, fmt.Sprintf("%s-firma-%d.pdf", name, i), b)
		count := pageCount(t, path)
		pages[count] = true
		page, text := 0, ""
		for k := count; k >= 1 && page == 0; k-- {
			if text = pdfText(t, path, k, k); strings.Contains(text, sign) {
				page = k
			}
		}
		if page == 0 {
			t.Fatalf("%s %d: no page holds the signature %q", name, i, sign)
		}
		if w := want(i); !strings.Contains(text, w) {
			t.Errorf("%s %d: page %d of %d holds the signature without %q: %q", name, i, page, count, w, text)
		}
		checked++
	}
	if checked == 0 || len(pages) < 2 {
		t.Fatalf("%s: %d layouts over %d page counts: the text never crossed a page", name, checked, len(pages))
	}
}

// TestPersonaSignatureKeepsTheNotice: the art. 15 record's notice and its signature share a page.
func TestPersonaSignatureKeepsTheNotice(t *testing.T) {
	base := personRecord()
	lastPageKeeps(t, "persona", 36, func(i int) ([]byte, error) {
		r := base
		r.Actions = nil
		for k := range i {
			r.Actions = append(r.Actions, data.PersonAction{What: fmt.Sprintf("Azione di prova numero %d, con un testo che "+
				"occupa più di una riga nella pagina del documento", k+1), Body: "Tavolo tematico Anziani",
				Due: rome(2027, time.April, 30, 0, 0)})
		}
		return Persona(r)
	}, func(int) string { return "non sono trasmessi a terzi." }, "La Responsabile dell'Ufficio di Piano Giulia Rossi")
}

// TestEsitoSignatureKeepsTheLastProposal: the Esito's last proposal and its signature share a page.
func TestEsitoSignatureKeepsTheLastProposal(t *testing.T) {
	base := answer()
	title := func(k int) string { return fmt.Sprintf("Proposta in valutazione numero %d", k) }
	lastPageKeeps(t, "esito", 24, func(i int) ([]byte, error) {
		a := base
		a.Proposals = append([]data.ProposalFate(nil), base.Proposals...)
		for k := range i {
			p := a.Proposals[len(base.Proposals)-1] // the one in valutazione: the last group printed
			p.ID, p.Title, p.Reason = fmt.Sprintf("p-extra-%d", k), title(k+1), ""
			a.Proposals = append(a.Proposals, p)
		}
		return Esito(a)
	}, func(i int) string {
		if i == 0 {
			return "Orti sociali a Magione"
		}
		return title(i)
	}, "La Responsabile dell'Ufficio di Piano Giulia Rossi")
}

// TestRelazioneSignatureKeepsTheLastRound: the relazione's last validation round ends on the page of
// its signature.
func TestRelazioneSignatureKeepsTheLastRound(t *testing.T) {
	base := relazioneFixture()
	last := base.Rounds[len(base.Rounds)-1].Vote.Covers
	var end string
	for _, id := range last {
		if title := base.Titles[id]; title != "" {
			end = title
		}
	}
	if end == "" {
		t.Fatal("the fixture's last round decides no titled proposal")
	}
	// withOpen renders r with i more open actions, which move what follows them down the page.
	withOpen := func(r data.Relazione) func(i int) ([]byte, error) {
		return func(i int) ([]byte, error) {
			r.Open = append([]data.ActionView(nil), base.Open...)
			for k := range i {
				x := base.Open[0]
				x.ID, x.What = fmt.Sprintf("a-extra-%d", k), fmt.Sprintf("Azione aperta di prova numero %d", k+1)
				r.Open = append(r.Open, x)
			}
			return Relazione(r)
		}
	}
	const sign = "La Responsabile dell'Ufficio di Piano Giulia Rossi"
	lastPageKeeps(t, "relazione", 30, withOpen(base), func(int) string { return end }, sign)

	// A year without validation rounds ends with its sentence beside the signature.
	none := base
	none.Rounds = nil
	lastPageKeeps(t, "relazione-senza-validazione", 30, withOpen(none),
		func(int) string { return "non si sono tenute votazioni di validazione" }, sign)
}

// TestVerbaleSignaturesKeepTheClosing: "La seduta è tolta", the formula and the signatures share a
// page, and so does the note of the approval of an approved verbale.
func TestVerbaleSignaturesKeepTheClosing(t *testing.T) {
	// longer renders d with its last item's notes i sentences longer.
	longer := func(d data.Dossier) func(i int) ([]byte, error) {
		last := 0
		for k, it := range d.Agenda {
			if it.Position > d.Agenda[last].Position {
				last = k
			}
		}
		agenda := d.Agenda
		return func(i int) ([]byte, error) {
			d.Agenda = append([]data.AgendaItem(nil), agenda...)
			d.Agenda[last].Notes += strings.Repeat(" Il Tavolo discute a lungo il punto, con interventi di tutti i presenti.", 3*i)
			return Verbale(d)
		}
	}
	lastPageKeeps(t, "verbale", 30, longer(anzianiDossier()), func(int) string { return "La seduta è tolta alle ore" }, "Paolo Mariani")
	lastPageKeeps(t, "verbale-approvato", 30, longer(approvedAnziani(nil, nil)),
		func(int) string { return "Verbale approvato dal Tavolo tematico Anziani" }, "Paolo Mariani")
}

// TestConvocazioneSignatureKeepsTheGreeting: the closing paragraph, "Distinti saluti" and the
// signature share a page.
func TestConvocazioneSignatureKeepsTheGreeting(t *testing.T) {
	base := anzianiDossier()
	lastPageKeeps(t, "convocazione", 40, func(i int) ([]byte, error) {
		d := base
		d.Agenda = append([]data.AgendaItem(nil), base.Agenda...)
		for k := range i {
			d.Agenda = append(d.Agenda, data.AgendaItem{Meta: data.Meta{ID: fmt.Sprintf("item-extra-%d", k)},
				SessionID: base.Session.ID, Position: 100 + k, Title: fmt.Sprintf("Punto aggiunto numero %d", k+1)})
		}
		return Convocazione(d)
	}, func(int) string { return "In caso di impedimento" }, "Francesca Bellucci")
}

// bodyText is the text a page shows between its masthead and its footer.
func bodyText(t *testing.T, path string, page int) string {
	t.Helper()
	bin := tool(t, "pdftotext", "poppler-utils")
	// A4 in points at 72 dpi: the masthead ends above its rule, at most 31 mm (88 pt) down; the footer
	// starts below 273 mm (774 pt).
	p := fmt.Sprint(page)
	out := run(t, bin, "-enc", "UTF-8", "-f", p, "-l", p, "-x", "0", "-y", "88", "-W", "595", "-H", "686", path, "-")
	return strings.Join(strings.Fields(out), " ")
}

// TestNoBlankPage: space at the foot of a page, followed by a section that starts on a new page (the
// sintesi's areas after their rejected ideas), leaves no page with nothing but its masthead and footer.
func TestNoBlankPage(t *testing.T) {
	checked := 0
	for _, gap := range []float64{0.2, 0.7, 1.2, 1.49} { // what the page has left below its last line
		doc, err := startDocument(masthead{ambito: trasimeno, body: "Ufficio di Piano", date: rome(2027, time.May, 8, 10, 0)},
			docInfo{kind: "Prova"})
		if err != nil {
			t.Fatal(err)
		}
		doc.paragraphs("Prima sezione.", stBody, 0)
		doc.pdf.SetY(doc.bottom - gap)
		doc.space(1.5) // as after the last item of a list
		doc.newPage()  // the next section
		doc.paragraphs("Seconda sezione.", stBody, 0)
		b, err := doc.output()
		if err != nil {
			t.Fatal(err)
		}
		path := writePDF(t, fmt.Sprintf("pagine-%v.pdf", gap), b)
		pages := pageCount(t, path)
		if pages != 2 {
			t.Errorf("%.2f mm left: %d pages, want 2", gap, pages)
		}
		for p := 1; p <= pages; p++ {
			if bodyText(t, path, p) == "" {
				t.Errorf("%.2f mm left: page %d of %d is blank", gap, p, pages)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no page was checked")
	}

	// The demo's case: the sintesi of two areas, the first ending with its rejected ideas, never has a
	// blank page whatever the length of the last reason.
	for n := range 12 {
		s := largeSynthesis(60, 2)
		ideas := s.Areas[0].Ideas
		last := &ideas[len(ideas)-1]
		last.State, last.Reason = data.StateRespinta, "Respinta"+strings.Repeat(" per mancanza di fondi", n)
		b, err := Sintesi(s)
		if err != nil {
			t.Fatal(err)
		}
		path := writePDF(t, fmt.Sprintf("sintesi-pagine-%d.pdf", n), b)
		for p, pages := 1, pageCount(t, path); p <= pages; p++ {
			if bodyText(t, path, p) == "" {
				t.Errorf("a reason of %d words: page %d of %d is blank", 1+4*n, p, pages)
			}
		}
	}
}

// TestWrapKeepsTogether: a line never breaks inside a name's initials, between a sign and its amount,
// between "n." and its number, or inside a date; the rest wraps as before.
func TestWrapKeepsTogether(t *testing.T) {
	doc, err := startDocument(masthead{ambito: trasimeno, body: "Ufficio di Piano", date: rome(2027, time.May, 8, 10, 0)},
		docInfo{kind: "Prova"})
	if err != nil {
		t.Fatal(err)
	}
	units := []string{"S. A.", "L. A. M.", "> € 25.000", "€ 5.000", "N. 1/2026", "14 MAGGIO 2026", "1° aprile 2025", "C. G.."}
	checked := 0
	for _, u := range units {
		for pad := range 60 { // the unit at every place near the end of a line
			text := strings.Repeat("ab ", pad) + strings.Repeat("parola ", 8) + u + " e poi altre parole."
			lines := doc.wrap(text, 60, stBody)
			joined := strings.Join(lines, "\n")
			if !strings.Contains(joined, u) {
				t.Fatalf("%q broken at padding %d: %q", u, pad, lines)
			}
			if strings.Join(strings.Fields(strings.Join(lines, " ")), " ") != strings.Join(strings.Fields(text), " ") {
				t.Fatalf("wrapping %q lost words: %q", text, lines)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("nothing was wrapped")
	}
	// Too wide for its column, a date breaks at its spaces, never inside a word.
	if got := doc.wrap("19 novembre 2026", 20, stBody); strings.Join(got, "|") != "19|novembre|2026" &&
		strings.Join(got, "|") != "19 novembre|2026" {
		t.Errorf("a date in a narrow column wraps as %q", got)
	}
	for _, c := range []struct {
		prev, next string
		want       bool
	}{
		{"C.", "G.", true}, {"C.", "G..", true}, {"è", "E.", false}, {"n.", "12", true}, {"n.", "dodici", false},
		{"14", "maggio", true}, {"maggio", "2026.", true}, {"maggio", "duemila", false}, {"40", "maggio", false},
		{"€", "5.000", true}, {"Il", "Tavolo", false}, {"ore", "15:40", false},
	} {
		if got := together(c.prev, c.next); got != c.want {
			t.Errorf("together(%q, %q) = %v, want %v", c.prev, c.next, got, c.want)
		}
	}
}

// TestParagraphKeepsLines: wherever a paragraph falls on a page, its first line is not left alone at
// the foot of the page nor its last alone at the head of the next, and one of three lines is not split.
func TestParagraphKeepsLines(t *testing.T) {
	checked := 0
	for _, n := range []int{3, 4, 6} { // the paragraph's lines
		for fill := range 70 { // one-line paragraphs before it, so that it starts at every height
			doc, err := startDocument(masthead{ambito: trasimeno, body: "Ufficio di Piano", date: rome(2027, time.May, 8, 10, 0)},
				docInfo{kind: "Prova"})
			if err != nil {
				t.Fatal(err)
			}
			for k := range fill {
				doc.paragraphs(fmt.Sprintf("riempitivo %d", k), stBody, 0)
			}
			var words []string
			for k := range 400 {
				words = append(words, fmt.Sprintf("p%03d", k))
			}
			lines := doc.wrap(strings.Join(words, " "), doc.width, stBody)[:n]
			par := strings.Join(lines, " ")
			doc.paragraphs(par, stBody, 0)
			b, err := doc.output()
			if err != nil {
				t.Fatal(err)
			}
			path := writePDF(t, fmt.Sprintf("paragrafo-%d-%d.pdf", n, fill), b)
			pages := pageCount(t, path)
			perPage := map[int]int{}
			for p := 1; p <= pages; p++ {
				text := bodyText(t, path, p)
				for _, l := range lines {
					if strings.Contains(text, strings.Fields(l)[0]) {
						perPage[p]++
					}
				}
			}
			total := 0
			for p, k := range perPage {
				total += k
				if k == 1 || (n <= 3 && k != n) {
					t.Errorf("%d lines after %d others: page %d holds %d of them", n, fill, p, k)
				}
			}
			if total != n {
				t.Fatalf("%d lines after %d others: %d found", n, fill, total)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no paragraph was checked")
	}
}
