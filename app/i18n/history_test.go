package i18n

import (
	"strings"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

// A history's values read as a secretary reads them: names for ids, words for codes, Italian days and
// numbers, "—" for nothing, a long text cut short; the entry on one line.
func TestHistoryWords(t *testing.T) {
	t.Setenv("TAVOLI_LANG", "")
	Setup("it")
	names := map[string]string{"org-1": "Cooperativa Il Girasole", "c-1": "Magione", "c-2": "Tuoro sul Trasimeno"}
	tests := []struct {
		field string
		value any
		want  string
	}{
		{"phone", "333 111", "333 111"},
		{"phone", nil, "—"},
		{"email", "  ", "—"},
		{"organisation_id", "org-1", "Cooperativa Il Girasole"},
		{"comune_ids", `["c-1","c-2"]`, "Magione, Tuoro sul Trasimeno"},
		{"category", "cittadino", "Cittadino"},
		{"status", "in_corso", "in corso"},
		{"speech_times", true, "sì"},
		{"done", false, "no"},
		{"population", float64(14902), "14.902"},
		{"position", int64(3), "3"},
		{"date", "2026-12-07T09:32:00Z", "7 dicembre 2026 10:32"},
		{"notes", strings.Repeat("parola ", 40), strings.Repeat("parola ", 17)[:119] + "…"},
	}
	for _, tt := range tests {
		if got := HistoryValue(tt.field, tt.value, names); got != tt.want {
			t.Errorf("HistoryValue(%q, %#v) = %q, want %q", tt.field, tt.value, got, tt.want)
		}
	}
	e := data.HistoryEntry{At: time.Date(2026, 12, 7, 9, 32, 0, 0, time.UTC), Operator: "Lucia Ferri",
		Computer: "PC-UDP", Action: data.HistoryChanged, Changes: []data.FieldChange{
			{Field: "phone", Old: "333 111", New: "333 222"}, {Field: "pdf", Document: true}}}
	want := "7 dicembre 2026 10:32 · Lucia Ferri (PC-UDP) · modificato · Telefono: 333 111 → 333 222; Atto approvato (PDF): documento sostituito"
	if got := HistoryLine(e); got != want {
		t.Errorf("HistoryLine = %q, want %q", got, want)
	}
	e = data.HistoryEntry{At: e.At, Author: "5e1f0a2b-0000-4000-8000-000000000001", Action: data.HistoryCreated}
	if got, want := HistoryLine(e), "7 dicembre 2026 10:32 · computer 5e1f0a2b · creato"; got != want {
		t.Errorf("HistoryLine(no names) = %q, want %q", got, want)
	}
}
