package csvexport_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/csvexport"
)

const header = "Titolo;Testo;Area;Tipo;Stato;Priorità;Tavolo;Data seduta;Proponente;Organizzazione;" +
	"Destinatari;Comuni;Costo;Durata;Accorpata in;Id"

// export writes ps and returns the bytes.
func export(t *testing.T, ps ...data.ProposalView) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := csvexport.Proposals(&b, ps); err != nil {
		t.Fatalf("Proposals() = %v", err)
	}
	return b.Bytes()
}

// readBack reads an export as a program would: the BOM dropped, semicolons, quotes undone.
func readBack(t *testing.T, b []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("reading the export back: %v\n%q", err, b)
	}
	return rows
}

// proposal is a project idea with every column filled in.
func proposal() data.ProposalView {
	return data.ProposalView{
		Proposal: data.Proposal{
			Meta: data.Meta{ID: "7f1c2a9e-0b4d-4c1e-9a57-3f0e8d2b6c11"}, Kind: data.KindIpotesi,
			State: data.StatePrioritaria, Title: "Centro diurno per anziani", Text: "Apertura anche il sabato",
			TargetGroup: "Anziani soli", Cost: data.Cost5to25k, Duration: data.Time6to12, Priority: 2,
		},
		AreaName: "Anziani", ProposerName: "Maria Rossi", OrganisationName: "Auser Chiusi",
		ComuneNames: []string{"Chiusi", "Città della Pieve"}, BodyName: "Tavolo tematico anziani",
		// 23:30 UTC on 4 March is already 5 March in Rome.
		SessionDate: time.Date(2025, 3, 4, 23, 30, 0, 0, time.UTC),
	}
}

func TestProposalsColumns(t *testing.T) {
	p := proposal()
	into := p
	into.ID, into.Title, into.Priority = "m-2", "Servizi di prossimità", 0
	into.Cost, into.Duration, into.SessionDate, into.BodyName = data.CostUnknown, data.TimeUnknown, time.Time{}, ""
	merged := p
	merged.ID, merged.State, merged.MergedIntoID, merged.Priority = "m-1", data.StateAccorpata, "m-2", 0
	merged.Kind, merged.Cost, merged.Duration = data.KindCriticita, data.CostOver25k, data.TimeOver12
	elsewhere := merged
	elsewhere.ID, elsewhere.MergedIntoID = "m-3", "not-in-list"

	rows := readBack(t, export(t, p, merged, into, elsewhere))
	want := [][]string{
		strings.Split(header, ";"),
		{"Centro diurno per anziani", "Apertura anche il sabato", "Anziani", "Ipotesi progettuale", "prioritaria", "2",
			"Tavolo tematico anziani", "05/03/2025", "Maria Rossi", "Auser Chiusi", "Anziani soli",
			"Chiusi, Città della Pieve", "€ 5.000–25.000", "6–12 mesi", "", "7f1c2a9e-0b4d-4c1e-9a57-3f0e8d2b6c11"},
		// Merged: the title of the proposal it went into.
		{"Centro diurno per anziani", "Apertura anche il sabato", "Anziani", "Criticità", "accorpata", "",
			"Tavolo tematico anziani", "05/03/2025", "Maria Rossi", "Auser Chiusi", "Anziani soli",
			"Chiusi, Città della Pieve", "> € 25.000", "oltre 12 mesi", "Servizi di prossimità", "m-1"},
		// Made by the office: no table, no date; no cost, no duration, no priority.
		{"Servizi di prossimità", "Apertura anche il sabato", "Anziani", "Ipotesi progettuale", "prioritaria", "",
			"", "", "Maria Rossi", "Auser Chiusi", "Anziani soli",
			"Chiusi, Città della Pieve", "", "", "", "m-2"},
		// Merged into a proposal the export does not hold: its id.
		{"Centro diurno per anziani", "Apertura anche il sabato", "Anziani", "Criticità", "accorpata", "",
			"Tavolo tematico anziani", "05/03/2025", "Maria Rossi", "Auser Chiusi", "Anziani soli",
			"Chiusi, Città della Pieve", "> € 25.000", "oltre 12 mesi", "not-in-list", "m-3"},
	}
	for i := range max(len(rows), len(want)) {
		var got, w []string
		if i < len(rows) {
			got = rows[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if !slices.Equal(got, w) {
			t.Errorf("Proposals() row %d = %q, want %q", i, got, w)
		}
	}
}

func TestProposalsFormat(t *testing.T) {
	b := export(t, proposal(), proposal())
	if !bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
		t.Errorf("Proposals() starts with % x, want the UTF-8 BOM EF BB BF", b[:min(3, len(b))])
	}
	body := strings.TrimPrefix(string(b), "\uFEFF")
	if !strings.HasPrefix(body, header+"\r\n") {
		t.Errorf("Proposals() header = %q, want %q", strings.SplitN(body, "\n", 2)[0], header+"\r\n")
	}
	if n := strings.Count(body, "\r\n"); n != 3 || strings.Count(body, "\n") != 3 {
		t.Errorf("Proposals() = %q, want 3 lines each ending in CRLF, no bare LF", body)
	}
	for i, line := range strings.Split(strings.TrimSuffix(body, "\r\n"), "\r\n") {
		if n := strings.Count(line, ";"); n != 15 {
			t.Errorf("Proposals() line %d has %d semicolons, want 15 (16 columns): %q", i, n, line)
		}
	}
}

func TestProposalsEmpty(t *testing.T) {
	for _, ps := range [][]data.ProposalView{nil, {}} {
		if got, want := string(export(t, ps...)), "\uFEFF"+header+"\r\n"; got != want {
			t.Errorf("Proposals(%#v) = %q, want %q", ps, got, want)
		}
	}
}

func TestProposalsRoundTrip(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"accents", "Città, perché più attività: «Niccolò» d’Arezzo, 10 €", ""},
		{"separator, quotes", `Sede "La Rocca"; aperta lun; mer`, ""},
		{"line breaks", "Prima riga\nseconda riga; con \"virgolette\"\n\nquarta", ""},
		{"a quote alone", `"`, ""},
		// A line break typed as CRLF comes back as LF, the way a spreadsheet keeps it in a cell.
		{"CRLF in a text", "uno\r\ndue", "uno\ndue"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := proposal()
			p.Title, p.Text = "Titolo: "+tt.text, tt.text
			rows := readBack(t, export(t, p))
			want := tt.want
			if want == "" {
				want = tt.text
			}
			if len(rows) != 2 || rows[1][0] != "Titolo: "+want || rows[1][1] != want {
				t.Errorf("Proposals(text %q) read back = %q, want title %q and text %q", tt.text, rows,
					"Titolo: "+want, want)
			}
		})
	}
}

func TestProposalsFormulaGuard(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=HYPERLINK(\"http://example.org\";\"clic\")", "'=HYPERLINK(\"http://example.org\";\"clic\")"},
		{"+39 0578 123456", "'+39 0578 123456"},
		{"-1+2", "'-1+2"},
		{"@SUM(A1:A2)", "'@SUM(A1:A2)"},
		{"\t=1+1", "'\t=1+1"},
		{"Costo = 5000 €", "Costo = 5000 €"}, // a sign inside a text is harmless
		{"'già tra apici", "'già tra apici"},
		{"", ""},
	}
	for _, tt := range tests {
		p := proposal()
		p.Title, p.Text, p.ProposerName, p.TargetGroup, p.ComuneNames = tt.in, tt.in, tt.in, tt.in, []string{tt.in}
		row := readBack(t, export(t, p))[1]
		for _, col := range []int{0, 1, 8, 10, 11} {
			if row[col] != tt.want {
				t.Errorf("Proposals(%q) column %d = %q, want %q", tt.in, col, row[col], tt.want)
			}
		}
	}
}

// TestProposalsOnWindows reads the first line as Excel on Windows does: a BOM says UTF-8, without one
// the bytes are taken in the Windows code page (1252), where "Priorità" would come out as "PrioritÃ ".
func TestProposalsOnWindows(t *testing.T) {
	b := export(t, proposal())
	windows := unicode.BOMOverride(charmap.Windows1252.NewDecoder())
	line, err := bufio.NewReader(transform.NewReader(bytes.NewReader(b), windows)).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	if line != header+"\r\n" {
		t.Errorf("first line read as Windows would = %q, want %q", line, header+"\r\n")
	}
	// Without the BOM the same bytes are mojibake: the mark is what makes the accents survive.
	noBOM, _, err := transform.Bytes(charmap.Windows1252.NewDecoder(), bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")))
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(string(noBOM), header) {
		t.Errorf("without the BOM the header still reads %q: the test no longer shows why the BOM is there", header)
	}
}

// failing is a writer that refuses every write.
type failing struct{}

func (failing) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestProposalsWriteError(t *testing.T) {
	if err := csvexport.Proposals(failing{}, []data.ProposalView{proposal()}); err == nil {
		t.Errorf("Proposals(a failing writer) = nil, want the write error")
	}
}
