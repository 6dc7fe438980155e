package report

import (
	"strings"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// isActionCheck reports whether an agenda item is the "Verifica delle azioni".
func isActionCheck(it data.AgendaItem) bool {
	return data.Fold(strings.TrimSpace(it.Title)) == data.Fold(data.ActionCheckTitle)
}

// actionLine says an action as the documents list it: "Comune di Magione: elenco dei trasporti sociali,
// entro il 31/03/2027 (seduta del 12/03/2027) – scaduta".
func actionLine(v data.ActionView) string {
	s := strings.TrimSpace(v.Who)
	if s != "" {
		s += ": "
	}
	s += strings.TrimSpace(v.What)
	if !v.Due.IsZero() {
		s += ", entro il " + italian.Date(v.Due)
	}
	s += " (seduta " + italian.OfDay(v.SessionDate) + ")"
	if v.Overdue {
		s += " – scaduta"
	}
	return s
}

// convocationActions lists, under the "Verifica delle azioni" of a convocation, the open actions of the
// body's earlier sessions.
func convocationActions(doc *document, d data.Dossier) {
	for _, v := range d.ActionChecks {
		doc.item("–", actionLine(v), stNote, 12)
	}
}

// verbaleActions says, under the "Verifica delle azioni" of a verbale, which actions were checked and
// their state: done, with the follow-up's note, when this session's follow-up says so; still open
// otherwise.
func verbaleActions(doc *document, d data.Dossier) {
	if len(d.ActionChecks) == 0 {
		doc.paragraphs("Non risultano azioni aperte dalle sedute precedenti.", stBody, 0)
		doc.space(1.6)
		return
	}
	doc.paragraphs("Si verifica lo stato delle azioni decise nelle sedute precedenti:", stBody, 0)
	for _, v := range d.ActionChecks {
		line := actionLine(v)
		fu := v.FollowUp
		switch {
		case fu != nil && fu.Done && fu.SessionID == d.Session.ID:
			line += ": svolta"
			if !fu.DoneOn.IsZero() {
				line += " il " + italian.Date(fu.DoneOn)
			}
		case fu != nil && fu.SessionID == d.Session.ID:
			line += ": ancora in corso"
		default:
			line += ": non verificata"
		}
		if fu != nil && fu.SessionID == d.Session.ID && strings.TrimSpace(fu.Note) != "" {
			line += ". " + period(strings.TrimSpace(fu.Note))
		} else {
			line += "."
		}
		doc.item("–", line, stBody, 4)
	}
	doc.space(1.6)
}
