package i18n

import (
	"encoding/json"
	"math"
	"strings"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// fieldKeys names the columns a history shows, by the words of the forms that edit them. A column not
// listed is shown by its own name.
var fieldKeys = map[string]string{
	"surname": "field.surname", "name": "field.name", "title": "field.title", "gender": "field.gender",
	"category": "field.category", "organisation_id": "field.organisation", "comune_id": "field.comune",
	"comune_text": "field.comune", "email": "field.email", "phone": "field.phone", "notes": "field.notes",
	"body_id": "field.body", "call": "field.call", "date": "field.day", "place": "field.place",
	"president_id": "field.president", "secretary_id": "field.secretary",
	"convocation_protocol": "field.convocation_protocol", "verbale_protocol": "field.verbale_protocol",
	"speech_times": "field.speech_times", "area_id": "field.area", "kind": "field.kind", "text": "field.text",
	"target_group": "field.target", "proposer_id": "field.proposer", "comune_ids": "field.comuni",
	"cost": "field.cost", "duration": "field.duration", "description": "field.description",
	"population": "field.population", "istat": "field.istat", "office": "field.office", "region": "field.region",
	"short_name": "field.short_name", "address": "field.address", "introduction": "field.introduction",
	"status": "history.field.status", "state": "history.field.state", "started": "history.field.started",
	"ended": "history.field.ended", "convocation_date": "history.field.convocation_date",
	"verbale_date": "history.field.verbale_date", "number": "history.field.number",
	"position": "history.field.position", "done": "history.field.done", "priority": "history.field.priority",
	"merged_into_id": "history.field.merged_into", "split_from_id": "history.field.split_from",
	"person_id": "history.field.person", "seat_id": "history.field.seat", "role": "history.field.role",
	"label": "history.field.label", "rules": "history.field.rules", "reason": "history.field.reason",
	"alias_of": "history.field.alias_of", "session_id": "history.field.session",
	"agenda_item_id": "history.field.agenda_item", "pdf": "history.field.pdf",
}

// valueKeys turns the stored codes of some columns into words: "cittadino" → "Cittadino privato".
var valueKeys = map[string]string{
	"category": "category.", "gender": "gender.", "status": "sstatus.", "state": "pstate.", "call": "call.",
	"cost": "cost.", "duration": "tband.", "role": "role.",
}

// FieldLabel names a column of a record in a history: "Telefono".
func FieldLabel(field string) string {
	if k, ok := fieldKeys[field]; ok {
		return L(k)
	}
	return strings.ReplaceAll(field, "_", " ")
}

// maxValue is how much of a long text a history line shows.
const maxValue = 120

// HistoryValue writes a value of a history: a name for an id, words for a code, a day and an hour for a
// time, "sì" or "no", "—" for nothing, and a long text cut short.
func HistoryValue(field string, v any, names map[string]string) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case bool:
		if x {
			return L("history.yes")
		}
		return L("history.no")
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return italian.Int(int64(x))
		}
		return italian.Number(x)
	case int64:
		return italian.Int(x)
	case string:
		return textValue(field, x, names)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func textValue(field, s string, names map[string]string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	if n, ok := names[s]; ok {
		return n
	}
	if strings.HasSuffix(field, "_ids") {
		var ids []string
		if json.Unmarshal([]byte(s), &ids) == nil {
			out := make([]string, len(ids))
			for i, id := range ids {
				out[i] = textValue("", id, names)
			}
			if len(out) == 0 {
				return "—"
			}
			return strings.Join(out, ", ")
		}
	}
	if p, ok := valueKeys[field]; ok {
		return X(p+s, s)
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil && strings.Contains(s, "T") {
		return italian.Day(t) + " " + italian.Clock(t)
	}
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > maxValue {
		return string(r[:maxValue-1]) + "…"
	}
	return s
}

// HistoryChange writes one change: "Telefono: 333 111 → 333 222", "Verbale: documento sostituito".
func HistoryChange(c data.FieldChange, names map[string]string) string {
	if c.Document {
		return L("history.document", map[string]any{"field": FieldLabel(c.Field)})
	}
	return FieldLabel(c.Field) + ": " + HistoryValue(c.Field, c.Old, names) + " → " + HistoryValue(c.Field, c.New, names)
}

// HistoryWho names the author of an entry: "Lucia Ferri (PC-UDP)", or the device when no name is known.
func HistoryWho(e data.HistoryEntry) string {
	if w := e.Who(); w != "" {
		return w
	}
	id, _, _ := strings.Cut(e.Author, "-")
	return L("history.device", map[string]any{"device": id})
}

// HistoryAction is the word for what an entry did: "modificato".
func HistoryAction(a data.HistoryAction) string { return X("history.action."+string(a), string(a)) }

// HistoryWhen is when an entry was made: "7 dicembre 2026 10:32".
func HistoryWhen(e data.HistoryEntry) string { return italian.Day(e.At) + " " + italian.Clock(e.At) }

// HistoryLine writes an entry on one line: "7 dicembre 2026 10:32 · Lucia Ferri (PC-UDP) · modificato ·
// Telefono: 333 111 → 333 222".
func HistoryLine(e data.HistoryEntry) string {
	parts := []string{HistoryWhen(e), HistoryWho(e), HistoryAction(e.Action)}
	var changes []string
	for _, c := range e.Changes {
		changes = append(changes, HistoryChange(c, e.Names))
	}
	if len(changes) > 0 {
		parts = append(parts, strings.Join(changes, "; "))
	}
	return strings.Join(parts, " · ")
}
