package i18n

import (
	"errors"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

func TestChoose(t *testing.T) {
	tests := []struct{ env, pref, want string }{
		{"", "", "it"},
		{"", "en", "en"},
		{"", "fr", "it"},
		{"en", "it", "en"},
		{" EN ", "", "en"},
		{"de", "en", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.env+"/"+tt.pref, func(t *testing.T) {
			t.Setenv("TAVOLI_LANG", tt.env)
			if got := Choose(tt.pref); got != tt.want {
				t.Errorf("Choose(%q) with TAVOLI_LANG=%q = %q, want %q", tt.pref, tt.env, got, tt.want)
			}
		})
	}
}

func TestLocalize(t *testing.T) {
	t.Setenv("TAVOLI_LANG", "")
	t.Cleanup(func() { Setup("it") })
	n := func(k int) map[string]any { return map[string]any{"n": k} }
	tests := []struct {
		lang, got, want string
	}{
		{"it", L("cli.version", map[string]any{"version": "1.2", "schema": 3}), "Tavoli 1.2 (schema del database 3)"},
		{"it", L("no.such.key"), "no.such.key"},
		{"it", X("no.such.key", "{{.n}} cose", n(2)), "2 cose"},
		{"it", X("file.name", "Name"), "Nome"},
		{"it", N("kind.seat", 1, n(1)), "1 seggio"},
		{"it", N("kind.seat", 0, n(0)), "0 seggi"},
		{"it", N("kind.seat", 2, n(2)), "2 seggi"},
		{"it", N("kind.seat", 1000000, n(1000000)), "1000000 seggi"}, // Italian's "many"
		{"it", KindName(data.KindSeat), "Seggio"},
		{"it", KindName("newkind"), "newkind"},
	}
	Setup("it")
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("Italian text = %q, want %q", tt.got, tt.want)
		}
	}
	if l := Setup("en"); l != "en" || Language() != "en" {
		t.Fatalf("Setup(en) = %q, Language() = %q, want en", l, Language())
	}
	if got, want := N("kind.seat", 1, n(1)), "1 seat"; got != want {
		t.Errorf("N(kind.seat, 1) in English = %q, want %q", got, want)
	}
	if got, want := N("kind.seat", 3, n(3)), "3 seats"; got != want {
		t.Errorf("N(kind.seat, 3) in English = %q, want %q", got, want)
	}
}

func TestExplain(t *testing.T) {
	t.Setenv("TAVOLI_LANG", "")
	Setup("it")
	day := time.Date(2027, 4, 8, 10, 0, 0, 0, data.Zone)
	if got := OfDay(day); got != "dell'8 aprile 2027" {
		t.Errorf("OfDay(8 April 2027) = %q, want dell'8 aprile 2027", got)
	}
	if got := Explain(nil); got != "" {
		t.Errorf("Explain(nil) = %q, want empty", got)
	}
	plain := Explain(errors.New("disk on fire"))
	coded := Explain(data.Errorf(data.ENotFound, "err.db.missing", "path", "/x.db"))
	for _, s := range []string{plain, coded} {
		if s == "" || s == "err.unexpected" || s == "err.db.missing" {
			t.Errorf("Explain gave %q, want a sentence", s)
		}
	}
	if want := L("err.unexpected", map[string]any{"detail": "disk on fire"}); plain != want {
		t.Errorf("Explain(plain error) = %q, want %q", plain, want)
	}
}
