package sqlite

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/data"
)

// The copy for publication of the demo's documents, read as a visitor of the albo pretorio reads them
// (issue 19): no private citizen's name, no contact, "[omissis]" where a passage is riservato, and a
// title that says what the copy is; the full copy keeps everything, marks dropped, bytes unchanged.

// contactPattern is what an e-mail address or an Italian telephone number looks like in extracted text.
var contactPattern = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}|\b[03]\d{1,3}[ ./-]?\d{5,8}\b|\+39`)

// extracted is the text of a PDF as pdftotext gives it, whitespace folded, after qpdf checked the file.
func extracted(t *testing.T, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	must(t, "WriteFile", os.WriteFile(path, b, 0o644))
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check %s: %v\n%s", name, err, out)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	must(t, "pdftotext (poppler-utils, which the README installs)", err)
	return strings.Join(strings.Fields(string(out)), " ")
}

// pdfTitle is the title in a PDF's properties.
func pdfTitle(t *testing.T, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "info.pdf")
	must(t, "WriteFile", os.WriteFile(path, b, 0o644))
	out, err := exec.Command("pdfinfo", path).Output()
	must(t, "pdfinfo", err)
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, "Title:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// reservedSession is the demo's session whose notes mark a passage riservato: the Tavolo Anziani's,
// where a citizen tells of the hospital visits he missed.
func reservedSession(t *testing.T, s *Store) data.Dossier {
	t.Helper()
	ctx := context.Background()
	list, err := s.Sessions(ctx, data.SessionFilter{})
	must(t, "Sessions", err)
	for _, x := range list {
		d, err := s.Dossier(ctx, x.ID)
		must(t, "Dossier", err)
		for _, it := range d.Agenda {
			if data.HasReserved(it.Notes) {
				return d
			}
		}
	}
	t.Fatal("no session of the demo marks a passage riservato")
	return data.Dossier{}
}

func TestPublicationVerbaleOfTheDemo(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	seedDemo(t, s, 1)
	d := reservedSession(t, s)
	if d.Session.Status != data.SessionApprovata || !strings.Contains(d.AreaName, "Anziani") {
		t.Fatalf("the session with a passage riservato is %s of area %q; want the approved Anziani verbale", d.Session.Status, d.AreaName)
	}
	const passage = "Racconta di aver perso due visite perché nessuno poteva accompagnarlo."

	// The full copy: the stored, approved bytes, which print the passage without its marks, exactly as
	// the same notes written without marks print.
	full, _, err := report.RenderDocument(ctx, s, d.Session.ID, report.DocVerbale)
	must(t, "RenderDocument(verbale)", err)
	unmarked := d
	unmarked.Agenda = append([]data.AgendaItem(nil), d.Agenda...)
	for i := range unmarked.Agenda {
		unmarked.Agenda[i].Notes = strings.NewReplacer(data.ReservedOpen, "", data.ReservedClose, "").Replace(unmarked.Agenda[i].Notes)
	}
	plain, err := report.Verbale(unmarked)
	must(t, "Verbale(without marks)", err)
	if !bytes.Equal(full, plain) {
		t.Error("the full verbale with a passage riservato differs from the same verbale written without the marks")
	}
	text := extracted(t, "verbale.pdf", full)
	for _, want := range []string{passage, "Sciarrini, cittadino di Magione", "Sciarrini Adriano"} {
		if !strings.Contains(text, want) {
			t.Errorf("the full verbale lacks %q", want)
		}
	}
	for _, not := range []string{"riservato]", "omissis", "pubblicazione"} {
		if strings.Contains(text, not) {
			t.Errorf("the full verbale prints %q", not)
		}
	}

	// The copy for publication, rendered from the locked session's data.
	pub, _, err := report.RenderDocument(ctx, s, d.Session.ID, report.DocVerbalePublication)
	must(t, "RenderDocument(verbale-pubblicazione)", err)
	again, _, err := report.RenderDocument(ctx, s, d.Session.ID, report.DocVerbalePublication)
	must(t, "RenderDocument(verbale-pubblicazione) again", err)
	if !bytes.Equal(pub, again) {
		t.Error("the copy for publication differs from one export to the next")
	}
	text = extracted(t, "pubblicazione.pdf", pub)
	for _, want := range []string{"Copia per la pubblicazione", "S., cittadino di Magione, propone una navetta fissa verso l'ospedale di Perugia. [omissis]",
		"Verbale – copia per la pubblicazione", "S. A.", d.PresidentName, d.SecretaryName} {
		if !strings.Contains(text, want) {
			t.Errorf("the copy for publication lacks %q", want)
		}
	}
	if strings.Contains(text, "due visite") || strings.Contains(text, "riservato]") {
		t.Error("the copy for publication prints the passage riservato or its marks")
	}
	citizens := 0
	for _, p := range d.Private {
		for _, name := range []string{p.Prose(), p.Listed()} {
			if strings.Contains(text, name) {
				t.Errorf("the copy for publication names %q", name)
			}
		}
		for _, l := range d.Register {
			if l.PersonID == p.ID && l.Recorded() {
				citizens++
			}
		}
	}
	if citizens == 0 {
		t.Error("no private citizen is in the session's register: the test proves nothing")
	}
	if m := contactPattern.FindString(text); m != "" {
		t.Errorf("the copy for publication prints a contact: %q", m)
	}
	if title := pdfTitle(t, pub); !strings.Contains(title, "Verbale – copia per la pubblicazione") {
		t.Errorf("the copy's title is %q; want it to say copia per la pubblicazione", title)
	}
}

func TestPublicationSintesiOfTheDemo(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	seedDemo(t, s, 1)
	syn, err := s.Synthesis(ctx, "")
	must(t, "Synthesis", err)
	full, err := report.Sintesi(syn)
	must(t, "Sintesi", err)
	pub, err := report.SintesiPublication(syn)
	must(t, "SintesiPublication", err)

	fullText, pubText := extracted(t, "sintesi.pdf", full), extracted(t, "sintesi-pubblicazione.pdf", pub)
	named := 0
	for _, p := range syn.Private {
		if strings.Contains(fullText, p.Prose()) {
			named++
		}
		if strings.Contains(pubText, p.Prose()) || strings.Contains(pubText, p.Listed()) {
			t.Errorf("the sintesi's copy for publication names %q", p.Prose())
		}
	}
	if named == 0 {
		t.Error("the full sintesi names no private citizen: the test proves nothing")
	}
	if !strings.Contains(pubText, "proposta da O. M.") || !strings.Contains(fullText, "proposta da Michela Orlandi") {
		t.Error("a citizen's proposal is not said to be proposed by Michela Orlandi in full and by O. M. in the copy")
	}
	if !strings.Contains(pubText, "Copia per la pubblicazione") || strings.Contains(fullText, "pubblicazione") {
		t.Error("only the copy for publication should say that it is one")
	}
	if m := contactPattern.FindString(pubText); m != "" {
		t.Errorf("the sintesi's copy for publication prints a contact: %q", m)
	}
	if title := pdfTitle(t, pub); !strings.Contains(title, "Documento di sintesi – copia per la pubblicazione") {
		t.Errorf("the copy's title is %q", title)
	}
}

// TestPublishInitialsFlag: a person the secretary flags keeps the flag when read back and after a
// bundle took it to another laptop, and the copy for publication names them by initials.
func TestPublishInitialsFlag(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	seedDemo(t, s, 1)
	d := reservedSession(t, s)
	people, err := s.People(ctx, data.PeopleFilter{Query: "Boldrini"})
	must(t, "People(Boldrini)", err)
	if len(people) != 1 || people[0].Private() {
		t.Fatalf("People(Boldrini) = %v; want one person, not a private citizen", names(people))
	}
	before, _, err := report.RenderDocument(ctx, s, d.Session.ID, report.DocVerbalePublication)
	must(t, "RenderDocument(before)", err)
	if !strings.Contains(extracted(t, "prima.pdf", before), "Boldrini Sergio") {
		t.Fatal("the copy for publication does not name Boldrini before the flag: the test proves nothing")
	}

	p := people[0].Person
	p.PublishInitials = true
	_, err = s.SavePerson(ctx, p)
	must(t, "SavePerson(flagged)", err)
	back, err := s.Person(ctx, p.ID)
	must(t, "Person", err)
	if !back.PublishInitials {
		t.Fatal("the flag was not kept")
	}
	after, _, err := report.RenderDocument(ctx, s, d.Session.ID, report.DocVerbalePublication)
	must(t, "RenderDocument(after)", err)
	text := extracted(t, "dopo.pdf", after)
	if strings.Contains(text, "Boldrini") || !strings.Contains(text, "B. S.") || !strings.Contains(text, "B., per lo SPI CGIL") {
		t.Errorf("the copy for publication after the flag reads %q; want Boldrini by his initials", text)
	}

	var dump bytes.Buffer
	must(t, "Dump", s.Dump(ctx, &dump))
	if !strings.Contains(dump.String(), `"publish_initials":1`) {
		t.Error("the bundle dump does not carry publish_initials")
	}
}

// TestPublicationNamesNoCitizen: no copy for publication of the demo's verbali names a private citizen,
// by full name or by surname alone, while the full copies do.
func TestPublicationNamesNoCitizen(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	seedDemo(t, s, 1)
	list, err := s.Sessions(ctx, data.SessionFilter{})
	must(t, "Sessions", err)
	named, held := 0, 0
	for _, x := range list {
		if !x.Status.Held() {
			continue
		}
		held++
		d, err := s.Dossier(ctx, x.ID)
		must(t, "Dossier", err)
		full, err := report.Verbale(d)
		must(t, "Verbale", err)
		pub, err := report.VerbalePublication(d)
		must(t, "VerbalePublication", err)
		fullText, pubText := extracted(t, "full.pdf", full), extracted(t, "pub.pdf", pub)
		for _, p := range d.Private {
			surname := regexp.MustCompile(`\b` + regexp.QuoteMeta(p.Surname) + `\b`)
			if surname.MatchString(fullText) {
				named++
			}
			if surname.MatchString(pubText) || strings.Contains(pubText, p.Prose()) {
				t.Errorf("the copy for publication of the %s of %v names %s", d.Body.Name, x.Date, p.Listed())
			}
		}
	}
	if held < 20 || named == 0 {
		t.Errorf("%d held sessions, %d names of citizens in their full verbali: the test proves nothing", held, named)
	}
}
