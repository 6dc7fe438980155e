package app

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/tavoli/tavoli/data"
)

// TestSynthesisPublicationButton: beside the Documento di sintesi, "Copia per la pubblicazione" saves the
// copy for the albo pretorio under its own name, with the citizens who proposed by their initials.
func TestSynthesisPublicationButton(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showSynthesis()
	dir := t.TempDir()
	var names []string
	s.save = func(name, ext string, b []byte) {
		names = append(names, name)
		e.ui.writeDocument(filepath.Join(dir, name), b)
	}
	test.Tap(button(t, s.content, "Copia per la pubblicazione (PDF)…"))
	s.areaPick.SetSelected("Anziani")
	test.Tap(button(t, s.content, "Copia per la pubblicazione (PDF)…"))
	if strings.Join(names, "|") != "documento-di-sintesi-pubblicazione.pdf|documento-di-sintesi-anziani-pubblicazione.pdf" {
		t.Fatalf("copies offered as %q", names)
	}
	out, err := exec.Command("pdftotext", filepath.Join(dir, names[0]), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v (poppler-utils, which the README installs)", names[0], err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	if !strings.Contains(text, "Copia per la pubblicazione") || !strings.Contains(text, "proposta da O. M.") ||
		strings.Contains(text, "Michela Orlandi") {
		t.Errorf("the copy for publication reads %q", text)
	}
	if _, err := os.Stat(filepath.Join(dir, names[1])); err != nil {
		t.Errorf("the area's copy was not written: %v", err)
	}
}

// TestVerbalePublicationButton: a held session offers the verbale's copy for publication beside the
// verbale, named verbale-pubblicazione-…
func TestVerbalePublicationButton(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	id := runEmptyMeeting(t, e, "12/03/2027")
	s := e.ui.sessions
	s.load(mustSession(t, e, id))
	button(t, s.docs, "Verbale (PDF)")
	button(t, s.docs, "Verbale – copia per la pubblicazione (PDF)")
	d, err := e.store().Dossier(e.ui.ctx, id)
	if err != nil {
		t.Fatalf("Dossier: %v", err)
	}
	if got := documentName(docVerbalePublication, d); got != "verbale-pubblicazione-tavolo-tematico-anziani-2027-03-12.pdf" {
		t.Errorf("the copy is offered as %q", got)
	}
}

// TestMarkReservedInNotes: Ctrl+Maiusc+R puts the notes' selection between the marks of a passage
// riservato, saved with the notes; with nothing selected it writes the marks with the cursor between.
func TestMarkReservedInNotes(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.convene("Tavolo tematico Anziani", "12/03/2027")
	id := s.meta.ID
	test.Tap(button(t, s.split, "Convoca"))
	e.start(s)
	m := s.meeting
	mark := menuCommand(t, e, "meeting.cmd.reserved")

	e.ui.win.Canvas().Focus(m.notes)
	test.Type(m.notes, "Ha perso due visite.")
	m.notes.TypedShortcut(&fyne.ShortcutSelectAll{})
	mark()
	test.Type(m.notes, " Poi ")
	mark()
	test.Type(m.notes, "nulla")
	want := "[riservato]Ha perso due visite.[/riservato] Poi [riservato]nulla[/riservato]"
	if m.notes.Text != want {
		t.Fatalf("notes = %q, want %q", m.notes.Text, want)
	}
	m.flush()
	if got := storedNotes(t, e, id, 0); got != want {
		t.Errorf("stored notes = %q, want %q", got, want)
	}
	if got := data.PublicText(want); got != "[omissis] Poi [omissis]" {
		t.Errorf("the copy for publication would print %q", got)
	}
	if !strings.Contains(button(t, m.content, "Riservato (Ctrl+Maiusc+R)").Text, "Riservato") {
		t.Error("no button beside the notes")
	}
}

// TestPersonInitialsOnly: the person form's check names someone by initials in the copies for
// publication; it is saved at once and shown again when the person is selected again.
func TestPersonInitialsOnly(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.showPeople()
	f := e.selectPerson("Boldrini Sergio")
	if f.initials.Checked || f.initials.Text != "Solo iniziali nelle copie per la pubblicazione" {
		t.Fatalf("check = %v %q, want unchecked, Solo iniziali nelle copie per la pubblicazione", f.initials.Checked, f.initials.Text)
	}
	test.Tap(f.initials)
	if got := e.person("Boldrini Sergio"); !got.PublishInitials || !got.Private() {
		t.Errorf("stored publish_initials = %v, want true", got.PublishInitials)
	}
	if other := e.selectPerson("Rossi Maria Grazia"); other.initials.Checked {
		t.Error("another person's form shows the check")
	}
	if f = e.selectPerson("Boldrini Sergio"); !f.initials.Checked {
		t.Error("the form after reselecting does not show the check")
	}
}
