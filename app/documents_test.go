package app

import (
	"strings"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

// windowsNameProblem says what makes name unusable as a file name on Windows, or "" when it is fine.
func windowsNameProblem(name string) string {
	if name == "" || len(name) > 255 {
		return "empty or longer than 255"
	}
	if i := strings.IndexAny(name, `<>:"/\|?*`); i >= 0 {
		return "has " + name[i:i+1]
	}
	for _, r := range name {
		if r < 32 {
			return "has a control character"
		}
	}
	if strings.HasSuffix(name, ".") || strings.HasSuffix(name, " ") {
		return "ends in a dot or a space"
	}
	stem := strings.ToUpper(strings.SplitN(name, ".", 2)[0])
	switch stem {
	case "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9":
		return "is a reserved device name"
	}
	if strings.HasPrefix(stem, "-") {
		return "starts with a dash"
	}
	return ""
}

// TestSuggestedNamesOnWindows: every name the save dialogs offer is a valid Windows file name, whatever
// the body, area or Ambito is called.
func TestSuggestedNamesOnWindows(t *testing.T) {
	if p := windowsNameProblem("verbale: bozza?.pdf"); p == "" {
		t.Fatal("the check accepts a name with a colon and a question mark")
	}
	if p := windowsNameProblem("CON.pdf"); p == "" {
		t.Fatal("the check accepts CON.pdf")
	}
	awkward := []string{
		"Tavolo tematico Anziani",
		"Tavolo «Famiglia, minori e giovani»: CON/PRN?",
		"Città della Pieve – Comune d'Ambito ",
		`C:\Users\Anna "Nina" Rossi\*.db`,
		"...",
		"CON",
		"",
		strings.Repeat("Integrazione lavorativa e inclusione sociale ", 12),
	}
	when := time.Date(2027, 3, 12, 15, 0, 0, 0, data.Zone)
	var names []string
	for _, a := range awkward {
		d := data.Dossier{Body: data.Body{Name: a}, Session: data.Session{Date: when}}
		for _, k := range []DocKind{docConvocazione, docPresenze, docVerbale, docCalendar} {
			names = append(names, documentName(k, d))
		}
		names = append(names, synthesisFileName(a))
		d.Votes = []data.Vote{{Meta: data.Meta{ID: "v1"}}, {Meta: data.Meta{ID: "v2"}}}
		one, two := resultsName(d, "v1"), resultsName(d, "v2")
		if one == two || !strings.HasSuffix(one, "-votazione-1.pdf") || !strings.HasSuffix(two, "-votazione-2.pdf") {
			t.Errorf("two votes of one session are offered as %q and %q", one, two)
		}
		names = append(names, one, two)
	}
	if len(names) != 7*len(awkward) {
		t.Fatalf("%d names for %d bodies", len(names), len(awkward))
	}
	for _, n := range names {
		if p := windowsNameProblem(n); p != "" {
			t.Errorf("%q is not a Windows file name: %s", n, p)
		}
		if len(n) > 100 || strings.Contains(n, "--") {
			t.Errorf("%q: longer than 100 bytes or with an empty part", n)
		}
	}
	if got := documentName(docVerbale, data.Dossier{Body: data.Body{Name: "Tavolo tematico Anziani"},
		Session: data.Session{Date: when}}); got != "verbale-tavolo-tematico-anziani-2027-03-12.pdf" {
		t.Errorf("the verbale of the Anziani table is offered as %q", got)
	}
}
