package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestExportPublication: --pubblicazione gives the copy of the verbale and of the Documento di sintesi
// for the albo pretorio (the citizen by his initials, the passage riservato as [omissis], the title
// saying what the copy is), leaves the full copy as it was, and is refused for other documents.
func TestExportPublication(t *testing.T) {
	e := setup(t, "it")
	db := demoDB(t, e, "demo.db")
	var id string
	for _, r := range listJSON(t, db, "sessions") {
		if r["body"] == "Tavolo tematico Anziani" && strings.HasPrefix(r["date"].(string), "2025-10-16") {
			id = r["id"].(string)
		}
	}
	if id == "" {
		t.Fatal("the demo has no Tavolo Anziani session on 16 October 2025")
	}
	full, pub := e.path("verbale.pdf"), e.path("verbale-pubblicazione.pdf")
	mustRun(t, "export", "verbale", "--session", id, "-o", full, "--db", db)
	mustRun(t, "export", "verbale", "--pubblicazione", "--session", id, "-o", pub, "--db", db)
	fullText, pubText := pdfText(t, full), pdfText(t, pub)
	for _, want := range []string{"Sciarrini, cittadino di Magione, propone una navetta fissa", "Racconta di aver perso due visite", "Sciarrini Adriano"} {
		if !strings.Contains(fullText, want) {
			t.Errorf("the full verbale lacks %q", want)
		}
	}
	for _, want := range []string{"Copia per la pubblicazione", "S., cittadino di Magione, propone una navetta fissa verso l'ospedale di Perugia. [omissis]"} {
		if !strings.Contains(pubText, want) {
			t.Errorf("the copy for publication lacks %q:\n%s", want, pubText)
		}
	}
	if strings.Contains(pubText, "Sciarrini") || strings.Contains(pubText, "due visite") {
		t.Error("the copy for publication names the citizen or prints the passage riservato")
	}
	if title := pdfTitle(t, pub); !strings.Contains(title, "copia per la pubblicazione") {
		t.Errorf("the copy's title is %q", title)
	}
	// The full copy is the approved one, stored: the flag on another export changes nothing of it.
	again := e.path("verbale-di-nuovo.pdf")
	mustRun(t, "--pubblicazione=false", "export", "verbale", "--session", id, "-o", again, "--db", db)
	if a, b := read(t, full), read(t, again); !bytes.Equal(a, b) {
		t.Error("two exports of the full verbale differ")
	}

	sintesi := e.path("sintesi-pubblicazione.pdf")
	mustRun(t, "export", "sintesi", "-o", sintesi, "--db", db, "--pubblicazione")
	if text := pdfText(t, sintesi); !strings.Contains(text, "Copia per la pubblicazione") ||
		!strings.Contains(text, "proposta da O. M.") || strings.Contains(text, "Michela Orlandi") {
		t.Errorf("the sintesi's copy for publication reads:\n%s", text)
	}

	r := runCLI(t, "export", "convocazione", "--pubblicazione", "--session", id, "-o", e.path("c.pdf"), "--db", db)
	wantCode(t, r, exitUsage)
	wantContains(t, r, "stderr", r.stderr, "--pubblicazione vale soltanto per il verbale e per il documento di sintesi")
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("ReadFile(%s): %v", path, err)
	}
	return b
}
