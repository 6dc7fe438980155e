package report

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// documents are the PDF makers, by the file name the tests give their output.
var documents = []struct {
	name string
	make func(data.Dossier) ([]byte, error)
}{
	{"convocazione", Convocazione},
	{"presenze", Presenze},
	{"verbale", Verbale},
}

var dossiers = []struct {
	name string
	make func() data.Dossier
}{
	{"anziani", anziani},
	{"sindaci", sindaciDossier},
}

// anziani is built once: the fixture is large and no test changes it.
var anziani = sync.OnceValue(anzianiDossier)

func render(t testing.TB, make func(data.Dossier) ([]byte, error), d data.Dossier) []byte {
	t.Helper()
	b, err := make(d)
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("render: not a PDF: %.20q", b)
	}
	return b
}

// The same dossier gives the same bytes (an approved verbale is kept byte for byte, and a copy
// exported later must match it), and every document passes the reader's checks: sound structure,
// every font embedded.
func TestDocumentsAreReproducibleAndSound(t *testing.T) {
	for _, doc := range documents {
		for _, ds := range dossiers {
			t.Run(doc.name+"/"+ds.name, func(t *testing.T) {
				a, b := render(t, doc.make, ds.make()), render(t, doc.make, ds.make())
				if !bytes.Equal(a, b) {
					t.Errorf("%s(%s) differs between two renderings (%d and %d bytes)", doc.name, ds.name, len(a), len(b))
				}
				checkPDF(t, writePDF(t, doc.name+"-"+ds.name+".pdf", a))
			})
		}
	}
}

// Documents are made in goroutines while the meeting goes on; gofpdf writes into the font bytes it
// is given, so each document must have its own copy (run with -race).
func TestDocumentsRenderConcurrently(t *testing.T) {
	d := anziani()
	want := map[string][]byte{}
	for _, doc := range documents {
		want[doc.name] = render(t, doc.make, d)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 2*len(documents))
	for range 2 {
		for _, doc := range documents {
			wg.Go(func() {
				b, err := doc.make(d)
				switch {
				case err != nil:
					errs <- doc.name + ": " + err.Error()
				case !bytes.Equal(b, want[doc.name]):
					errs <- doc.name + ": concurrent rendering differs from the sequential one"
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// contains fails for each wanted text the extracted text lacks.
func contains(t *testing.T, what, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

func TestVerbaleText(t *testing.T) {
	d := anziani()
	path := writePDF(t, "verbale.pdf", render(t, Verbale, d))
	text := pdfText(t, path)
	contains(t, "verbale", text,
		"VERBALE DELLA SEDUTA DEL 12 MARZO 2027",
		"AMBITO TERRITORIALE N.5 DEL TRASIMENO", "Comune capofila: Castiglione del Lago",
		"Il giorno venerdì 12 marzo 2027, alle ore 15:10, presso Sala consiliare, Comune di Magione",
		"si è svolta in prima convocazione la seduta del Tavolo tematico Anziani",
		"regolarmente convocata con nota prot. n. ____________ del ____________ per le ore 15:00.",
		"Prot. n. ____________ del ____________",
		"Presiede la seduta la Presidente Francesca Bellucci. Svolge le funzioni di segretario verbalizzante Paolo Mariani.",
		// Present with seat, delegation and times; guests apart; excused and absent named.
		"Rossi Maria", "Castiglione del Lago – Servizi sociali", "delegata da Giorgio Bartolini per Passignano sul Trasimeno – Servizi sociali",
		"Lucà Giovanna", "17:40", "Partecipano inoltre, senza diritto di voto", "Zuccherini Noemi",
		"Assenti giustificati: Vestrelli Franca (FNP CISL Umbria).",
		"Assenti: D'Angelo Mosè (Forum del Terzo settore).",
		// The ASL's seat arrived at 15:25, after the opening: 9 of 12 at 15:10.
		"Presenti 9 componenti su 12; il numero legale richiesto in prima convocazione è 7: "+
			"constatata la validità della seduta, la Presidente dichiara aperta la seduta.",
		"1. Approvazione del verbale della seduta precedente",
		"Viene esaminato il verbale della seduta del 12 febbraio 2027.",
		"4. Assistenza domiciliare integrata: punti di forza e criticità",
		"10. Varie ed eventuali",
		"Ipotesi progettuale: «Centro diurno aperto il sabato», proposta da Lucia Barbanera, Cooperativa sociale «Il Girasole»",
		"costo stimato: € 5.000–25.000; durata stimata: 6–12 mesi",
		"Votazioni", "votazione palese", "Numero legale all'apertura: 10 presenti, 7 richiesti.",
		"Azioni concordate", "Mencarelli Sara", "1° aprile 2027",
		"Altre proposte, decisioni e azioni", "Rete dei centri sociali anziani",
		"Presentare il lavoro del Tavolo al Tavolo dei Sindaci",
		"La seduta è tolta alle ore 18:05.",
		"Letto, approvato e sottoscritto", "La Presidente", "Il Segretario verbalizzante",
		"pagina 1 di", "Tavoli · Verbale · Tavolo tematico Anziani · seduta del 12 marzo 2027 · BOZZA, non ancora approvato",
		"BOZZA – VERBALE DELLA SEDUTA DEL 12 MARZO 2027",
		"Città della Pieve", "Niccolò", "Università della Terza Età del Trasimeno",
	)
	// Paragraphs of the notes are kept, and the long note crosses a page.
	contains(t, "verbale", text, "un residente su quattro ha più di 65 anni")
	if n := pageCount(t, path); n < 5 {
		t.Errorf("verbale has %d pages, want at least 5 for 40 people and 10 items", n)
	}
	if strings.Contains(text, "verbale approvato") {
		t.Error("a closed, unapproved verbale says it is approved")
	}
	if strings.Count(text, "pagina ") != pageCount(t, path) {
		t.Errorf("verbale: %d page numbers for %d pages", strings.Count(text, "pagina "), pageCount(t, path))
	}
	// A draft says so on every page and in the file's title.
	for p := 1; p <= pageCount(t, path); p++ {
		if !strings.Contains(pdfText(t, path, p, p), "BOZZA") {
			t.Errorf("page %d of the draft verbale does not say BOZZA", p)
		}
	}
	if got := metaTitle(t, path); !strings.HasPrefix(got, "BOZZA – Verbale – Tavolo tematico Anziani") {
		t.Errorf("the draft's document title is %q", got)
	}
}

func TestVerbaleStatus(t *testing.T) {
	approved := anziani()
	approved.Session.Status = data.SessionApprovata
	approving := data.Session{Meta: data.Meta{ID: "sess-anziani-2027-04-09"}, BodyID: "body-anziani",
		Status: data.SessionInCorso, Date: rome(2027, time.April, 9, 15, 0)}
	approved.Session.ApprovedInID, approved.ApprovedIn = approving.ID, &approving
	path := writePDF(t, "approvato.pdf", render(t, Verbale, approved))
	text := pdfText(t, path)
	contains(t, "approved verbale", text, "· verbale approvato", "VERBALE DELLA SEDUTA DEL 12 MARZO 2027",
		"Verbale approvato dal Tavolo tematico Anziani nella seduta del 9 aprile 2027.")
	if strings.Contains(text, "BOZZA") || strings.Contains(metaTitle(t, path), "BOZZA") {
		t.Error("the approved verbale still says BOZZA")
	}

	correction := anziani()
	correction.Session.CorrectsID = correction.Previous.ID
	corrected := *correction.Previous
	corrected.Status = data.SessionApprovata
	correction.Corrects = &corrected
	text = pdfText(t, writePDF(t, "rettifica.pdf", render(t, Verbale, correction)))
	contains(t, "correction act", text, "ATTO DI RETTIFICA", "rettifica del verbale della seduta del 12 febbraio 2027",
		"Con il presente atto si rettifica il verbale della seduta del 12 febbraio 2027, che resta agli atti nel testo approvato.",
		"Tavoli · Atto di rettifica ·", "BOZZA – ATTO DI RETTIFICA")
}

func TestVerbaleSindaci(t *testing.T) {
	text := pdfText(t, writePDF(t, "verbale-sindaci.pdf", render(t, Verbale, sindaciDossier())))
	contains(t, "verbale of the mayors", text,
		"Presenti 6 componenti su 8, in rappresentanza di 49.500 abitanti su 56.900; il numero legale richiesto "+
			"in prima convocazione è di 5 componenti e 28.451 abitanti: constatata la validità della seduta",
		"Fratini Maria Cristina", "delegata dal Sindaco del Comune di Panicale, Giulio Baiocco (delega prot. n. 123 del 10/02/2027)",
		"Assenti giustificati: Dell'Omo Patrizia (Tuoro sul Trasimeno).",
		"Assenti: Ricciarelli Roberto (Piegaro).",
		"Città della Pieve",
	)
}

func TestConvocazioneText(t *testing.T) {
	text := pdfText(t, writePDF(t, "convocazione.pdf", render(t, Convocazione, anziani())))
	contains(t, "convocazione", text,
		"AMBITO TERRITORIALE N.5 DEL TRASIMENO", "Piazza Gramsci 1, 06061 Castiglione del Lago (PG)",
		"Ai componenti del Tavolo tematico Anziani", "Loro sedi",
		"Oggetto: Convocazione del Tavolo tematico Anziani, prima convocazione: venerdì 12 marzo 2027, ore 15:00.",
		"è convocata in prima convocazione per venerdì 12 marzo 2027, alle ore 15:00, presso Sala consiliare, Comune di Magione",
		"ORDINE DEL GIORNO", "1. Approvazione del verbale della seduta precedente", "10. Varie ed eventuali",
		"Per la validità della seduta in prima convocazione è necessaria la presenza della metà più uno dei componenti.",
		"La Presidente", "Francesca Bellucci", "Destinatari", "1. Bellucci Francesca – Presidente",
		"Rossi Maria – Castiglione del Lago – Servizi sociali",
		"Città della Pieve", "pagina 1 di",
	)
	if strings.Contains(text, "Zuccherini") {
		t.Error("the convocation is addressed to a guest")
	}
	sindaci := pdfText(t, writePDF(t, "convocazione-sindaci.pdf", render(t, Convocazione, sindaciDossier())))
	contains(t, "convocazione of the mayors", sindaci,
		"della metà più uno dei componenti, che rappresentino anche la metà più uno della popolazione dell'Ambito.")
}

func TestPresenze(t *testing.T) {
	d := anziani()
	path := writePDF(t, "presenze.pdf", render(t, Presenze, d))
	text := pdfText(t, path)
	contains(t, "foglio presenze", text, "FOGLIO PRESENZE", "Nominativo", "Seggio / ente", "Categoria", "Comune",
		"Ora arrivo", "Ora uscita", "Firma", "Lucà Giovanna", "Passignano sul Trasimeno – Servizi sociali (delega)",
		"Cooperativa sociale", "Città della Pieve", "assente giustificata", "pagina 1 di",
		"Il Segretario verbalizzante",
		"I dati personali raccolti con il presente foglio sono trattati per lo svolgimento dei compiti istituzionali dell'Ambito (art. 6, par. 1, lett. e, del Regolamento UE 2016/679)",
		"Titolare del trattamento: Comune di Castiglione del Lago, ente capofila dell'Ambito Territoriale n.5 del Trasimeno. Per esercitare i diritti (artt. 15-21): Ufficio di Piano, Piazza Gramsci 1, 06061 Castiglione del Lago (PG).")
	// The Ambito's own notice, when it set one.
	d.Ambito.Privacy = data.Privacy{Controller: "Unione dei Comuni del Trasimeno", DPO: "dpo@trasimeno.example.it"}
	contains(t, "foglio presenze, notice", pdfText(t, writePDF(t, "presenze-informativa.pdf", render(t, Presenze, d))),
		"Titolare del trattamento: Unione dei Comuni del Trasimeno.",
		"responsabile della protezione dei dati: dpo@trasimeno.example.it.")
	d.Ambito.Privacy = data.Privacy{}
	// 43 register lines and at least 10 blank ones after them.
	blank := len(d.Register) + walkIns
	if !strings.Contains(text, " "+italian.Int(int64(blank))+" ") {
		t.Errorf("foglio presenze lacks blank row %d", blank)
	}
	pages := pageCount(t, path)
	if pages < 2 {
		t.Fatalf("foglio presenze has %d pages, want more than one for %d lines", pages, len(d.Register))
	}
	for p := 2; p <= pages; p++ {
		contains(t, "page "+italian.Int(int64(p)), pdfText(t, path, p, p), "Nominativo", "Firma", "Ora arrivo",
			"Tavolo tematico Anziani")
	}
}

// Odd data makes a document with blanks to fill, never a panic or an error.
func TestOddDossiers(t *testing.T) {
	long := strings.Repeat("Un paragrafo lunghissimo senza fine, con parole e ancora parole. ", 150)
	odd := anziani()
	odd.Agenda = append(odd.Agenda, data.AgendaItem{Meta: data.Meta{ID: "odd"}, Position: 99,
		Title: "Emoji 🎉, tab\tand\r\nCRLF, cinese 中文, zero\x00byte, invalid \xff UTF-8",
		Notes: long + "\n" + strings.Repeat("Parolaunicasenzaspazichenonsta", 30)})
	odd.PresidentName, odd.President = "", data.Naming{}
	// A session just opened, with nothing recorded yet: the verbale is all blanks to fill.
	opened := data.Session{Status: data.SessionInCorso}
	cases := map[string]data.Dossier{
		"empty":   {Session: opened},
		"no date": {Body: data.Body{Name: "Tavolo Alto della Concertazione"}, Session: opened},
		"odd":     odd,
	}
	for name, d := range cases {
		for _, doc := range documents {
			t.Run(name+"/"+doc.name, func(t *testing.T) {
				path := writePDF(t, doc.name+"-"+strings.ReplaceAll(name, " ", "-")+".pdf", render(t, doc.make, d))
				checkPDF(t, path)
				text := pdfText(t, path)
				if name == "empty" && doc.name == "verbale" {
					contains(t, "empty verbale", text, "Presiede la seduta ______", "La seduta è tolta alle ore ______",
						"Letto, approvato e sottoscritto", "Non risultano componenti con diritto di voto")
				}
				if name == "odd" && doc.name == "verbale" {
					// The fonts have no Chinese: a letter they lack prints as "?", never as the
					// empty .notdef box that PDF/A forbids.
					contains(t, "odd verbale", text, "cinese ??", "Emoji ?")
				}
			})
		}
	}
}

// TestNoVerbaleBeforeTheMeeting: a session in bozza or convocata was never held and has no verbale,
// whoever asks; from the moment it is opened it has one.
func TestNoVerbaleBeforeTheMeeting(t *testing.T) {
	for _, st := range data.SessionStatuses {
		d := sindaciDossier()
		d.Session.Status = st
		if !st.Held() {
			d.Session.Started, d.Session.Ended = time.Time{}, time.Time{}
		}
		b, err := Verbale(d)
		if st.Held() {
			if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
				t.Errorf("status %s: verbale %.8q, error %v; want a PDF", st, b, err)
			}
			continue
		}
		e := data.AsError(err)
		if e == nil || e.Key != "err.verbale.not_held" || b != nil {
			t.Fatalf("status %s: verbale of %d bytes, error %v; want none and err.verbale.not_held", st, len(b), err)
		}
		msg := e.Error()
		for _, want := range []string{"Tavolo dei Sindaci", "2 aprile 2027", string(st)} {
			if !strings.Contains(msg, want) {
				t.Errorf("status %s: the refusal %q does not say %q", st, msg, want)
			}
		}
	}
}

// The benchmark the brief sets: under 100 ms for the verbale of 40 people and 10 items.
func BenchmarkVerbale(b *testing.B) {
	d := anziani()
	for b.Loop() {
		if _, err := Verbale(d); err != nil {
			b.Fatal(err)
		}
	}
}

func TestMain(m *testing.M) {
	// The laptop's zone must not matter: documents print the hours of the meeting, in Rome.
	time.Local = time.FixedZone("elsewhere", -5*3600)
	m.Run()
}
