package bundle

import (
	"bytes"
	"testing"

	"filippo.io/age"

	"github.com/tavoli/tavoli/data"
)

func TestCheckPassphrase(t *testing.T) {
	tests := []struct {
		p   string
		key string // "" when accepted
	}{
		{"", KeyPassphraseChoose},
		{" ", KeyPassphraseChoose},
		{"\t  \n ", KeyPassphraseChoose},
		{"a", KeyPassphraseShort},
		{"corta", KeyPassphraseShort},
		{"1234567", KeyPassphraseShort},
		{"abc     ", KeyPassphraseShort}, // eight characters, five of them spaces at the end
		{"   abcdefg", KeyPassphraseShort},
		{"àèìòùàè", KeyPassphraseShort}, // seven letters in fourteen bytes: characters count, not bytes
		{"12345678", ""},
		{"pane e tulipani", ""},
		{"cittàèù!", ""},
		{"  Lago Trasimeno  ", ""},
	}
	for _, tt := range tests {
		err := CheckPassphrase(tt.p)
		if tt.key == "" {
			if err != nil {
				t.Errorf("CheckPassphrase(%q) = %v, want nil", tt.p, err)
			}
			continue
		}
		if e := data.AsError(err); e == nil || e.Key != tt.key || e.Code != data.EInvalid {
			t.Errorf("CheckPassphrase(%q) = %v, want %s", tt.p, err, tt.key)
		}
	}
	if e := data.AsError(CheckPassphrase("corta")); e == nil || e.Args["n"] != MinPassphrase {
		t.Errorf("CheckPassphrase(short) = %#v, want the minimum as n", e)
	}
}

// TestShortPassphraseStillReads: the rule is for making bundles; one encrypted with a short passphrase
// before the rule existed still opens with it.
func TestShortPassphraseStillReads(t *testing.T) {
	plain := writeBundle(t, testHeader(), sampleRecords(), plainOpt())
	for _, p := range []string{"a", " "} {
		r, err := age.NewScryptRecipient(p)
		if err != nil {
			t.Fatal(err)
		}
		r.SetWorkFactor(testWork)
		var b bytes.Buffer
		w, _ := age.Encrypt(&b, r)
		w.Write(plain)
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if _, recs, err := readAll(&b, readOpt(p)); err != nil || len(recs) != len(sampleRecords()) {
			t.Errorf("a bundle encrypted with %q: %d records, %v; want it read", p, len(recs), err)
		}
	}
}
