package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"

	"filippo.io/age"
)

// TestBundlePassphraseGood: a passphrase of exactly eight characters makes a bundle, and the same file
// opens it on the other laptop, with no warning when only its owner can read the file.
func TestBundlePassphraseGood(t *testing.T) {
	e := setup(t, "")
	anna, bruno := newLaptop(t, e, "Anna"), newLaptop(t, e, "Bruno")
	anna.demo()
	bruno.seed(nil)
	file := e.path("otto.tavoli")
	pass := writePassphrase(t, e, "otto.txt", "Perugia8\n")
	r := anna.must("bundle", "export", "-o", file, "--passphrase-file", pass)
	wantContains(t, r, "stdout", r.stdout, "Pacchetto salvato in "+file, "Cifrato       sì")
	if r.stderr != "" {
		t.Errorf("%v stderr = %q, want nothing for a passphrase file only its owner reads", r, r.stderr)
	}
	var res imported
	bruno.decode(&res, "bundle", "import", file, "--passphrase-file", pass)
	if !res.Encrypted || !res.Applied || res.total().New == 0 {
		t.Errorf("import = %+v, want the encrypted bundle merged", res)
	}
}

// TestBundlePassphraseFileOpen: a passphrase file other users may read gets a warning, on export and
// on import, and the command still does its work. Windows shows no such permissions: no warning there.
func TestBundlePassphraseFileOpen(t *testing.T) {
	e := setup(t, "")
	anna, bruno := newLaptop(t, e, "Anna"), newLaptop(t, e, "Bruno")
	anna.demo()
	bruno.seed(nil)
	file := e.path("scambio.tavoli")
	pass := writePassphrase(t, e, "frase.txt", "Lago Trasimeno, 12 marzo\n")
	if err := os.Chmod(pass, 0o644); err != nil {
		t.Fatal(err)
	}
	warning := []string{"Attenzione: il file della frase segreta " + pass, "altri utenti", "chmod 600 " + pass}

	for _, step := range []struct {
		who  *laptop
		args []string
	}{
		{anna, []string{"bundle", "export", "-o", file, "--passphrase-file", pass}},
		{bruno, []string{"bundle", "import", file, "--passphrase-file", pass}},
	} {
		r := step.who.must(step.args...)
		if runtime.GOOS == "windows" {
			if r.stderr != "" {
				t.Errorf("%v stderr = %q, want no warning on Windows", r, r.stderr)
			}
			continue
		}
		wantContains(t, r, "stderr", r.stderr, warning...)
		if strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%v stderr = %q, want the one warning", r, r.stderr)
		}
	}
	if runtime.GOOS != "windows" {
		if err := os.Chmod(pass, 0o600); err != nil {
			t.Fatal(err)
		}
		r := bruno.must("bundle", "import", file, "--passphrase-file", pass, "--dry-run")
		if r.stderr != "" {
			t.Errorf("%v stderr = %q, want no warning once the file is private", r, r.stderr)
		}
	}
}

// TestBundleImportShortPassphrase: the rule is for making bundles. One made with a short passphrase
// (as the command line allowed before) still opens with it.
func TestBundleImportShortPassphrase(t *testing.T) {
	e := setup(t, "")
	anna, bruno := newLaptop(t, e, "Anna"), newLaptop(t, e, "Bruno")
	anna.demo()
	bruno.seed(nil)
	plain := e.path("chiaro.tavoli")
	anna.must("bundle", "export", "-o", plain, "--no-encryption")
	b, err := os.ReadFile(plain)
	if err != nil {
		t.Fatal(err)
	}
	// Encrypted as an older Tavoli did, with the passphrase "a".
	rcp, err := age.NewScryptRecipient("a")
	if err != nil {
		t.Fatal(err)
	}
	rcp.SetWorkFactor(10)
	var enc bytes.Buffer
	w, _ := age.Encrypt(&enc, rcp)
	w.Write(b)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	file := e.path("vecchio.tavoli")
	if err := os.WriteFile(file, enc.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var res imported
	bruno.decode(&res, "bundle", "import", file, "--passphrase-file", writePassphrase(t, e, "a.txt", "a\n"))
	if !res.Encrypted || !res.Applied || res.total().New == 0 {
		t.Errorf("import = %+v, want the bundle made with a short passphrase merged", res)
	}
}

// TestBundleImportOversized: a bundle that inflates far beyond its size is refused, saying the file is
// damaged or not a bundle, and nothing is imported.
func TestBundleImportOversized(t *testing.T) {
	e := setup(t, "")
	anna, bruno := newLaptop(t, e, "Anna"), newLaptop(t, e, "Bruno")
	anna.demo()
	bruno.seed(nil)
	plain := e.path("chiaro.tavoli")
	anna.must("bundle", "export", "-o", plain, "--no-encryption")
	good, err := os.ReadFile(plain)
	if err != nil {
		t.Fatal(err)
	}
	// Anna's magic line and header, then a member of 64 MiB of "a" in about 64 KB.
	nl := bytes.IndexByte(good, '\n')
	rest := bytes.NewReader(good[nl+1:])
	zr, err := gzip.NewReader(rest)
	if err != nil {
		t.Fatal(err)
	}
	zr.Multistream(false)
	if _, err := io.Copy(io.Discard, zr); err != nil { // the header member, and no further
		t.Fatal(err)
	}
	head := good[:len(good)-rest.Len()]
	var bomb bytes.Buffer
	bomb.Write(head)
	zw := gzip.NewWriter(&bomb)
	zw.Write(bytes.Repeat([]byte("a"), 64<<20))
	zw.Close()
	file := e.path("gonfio.tavoli")
	if err := os.WriteFile(file, bomb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	before := digest(t, bruno.db)
	r := bruno.run("bundle", "import", file)
	wantCode(t, r, exitError)
	wantContains(t, r, "stderr", r.stderr, "Il file è danneggiato o non è un pacchetto di Tavoli", "Nulla è stato importato")
	if r.stdout != "" {
		t.Errorf("%v stdout = %q, want nothing", r, r.stdout)
	}
	wantUntouched(t, r, bruno.db, before)
}
