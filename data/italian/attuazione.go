package italian

import (
	"strconv"
	"time"

	"github.com/tavoli/tavoli/data"
)

// AttuazioneChanges says in Italian, one line each, what changed from one version of an attuazione to
// the next, for the proposal's history: "Avanzamento: 40% → 60%", "Responsabile: Comune di Magione".
// wasName and isName are the responsible's names before and after. A new attuazione says so first.
func AttuazioneChanges(was, is data.Implementation, wasName, isName string) []string {
	var out []string
	if was.ID == "" {
		out = append(out, "Attuazione avviata")
	}
	if was.ResponsibleKind != is.ResponsibleKind || was.ResponsibleID != is.ResponsibleID {
		if is.ResponsibleID == "" {
			out = append(out, "Responsabile tolto: "+wasName)
		} else {
			out = append(out, "Responsabile: "+isName)
		}
	}
	if !was.Start.Equal(is.Start) {
		out = append(out, "Inizio: "+dayOrNone(is.Start))
	}
	if !was.End.Equal(is.End) {
		out = append(out, "Fine prevista: "+dayOrNone(is.End))
	}
	if was.Progress != is.Progress {
		out = append(out, "Avanzamento: "+strconv.Itoa(was.Progress)+"% → "+strconv.Itoa(is.Progress)+"%")
	}
	before, after := data.FullBudget(was.Budget), data.FullBudget(is.Budget)
	for i, b := range after {
		if b.Planned != before[i].Planned {
			out = append(out, "Budget "+Source(b.Source)+" previsto: "+Euro(before[i].Planned)+" € → "+Euro(b.Planned)+" €")
		}
		if b.Spent != before[i].Spent {
			out = append(out, "Budget "+Source(b.Source)+" speso: "+Euro(before[i].Spent)+" € → "+Euro(b.Spent)+" €")
		}
	}
	if was.Notes != is.Notes {
		out = append(out, "Note aggiornate")
	}
	return out
}

// MilestoneChanges says in Italian what changed in a milestone: "Traguardo «Avvio del servizio»
// raggiunto".
func MilestoneChanges(was, is data.Milestone) []string {
	name := "Traguardo «" + is.Title + "»"
	switch {
	case is.Deleted:
		return []string{name + " tolto"}
	case was.ID == "":
		s := name + " aggiunto"
		if !is.Due.IsZero() {
			s += ", entro il " + Date(is.Due)
		}
		if is.Done {
			return []string{s, name + " raggiunto"}
		}
		return []string{s}
	}
	var out []string
	if was.Title != is.Title {
		out = append(out, "Traguardo «"+was.Title+"» rinominato «"+is.Title+"»")
	}
	if !was.Due.Equal(is.Due) {
		out = append(out, name+": scadenza "+dayOrNone(is.Due))
	}
	if was.Done != is.Done {
		if is.Done {
			out = append(out, name+" raggiunto")
		} else {
			out = append(out, name+" non più raggiunto")
		}
	}
	return out
}

// IndicatorChanges says in Italian what changed in an indicator: "Indicatore «Persone trasportate»:
// 80 → 120 persone (obiettivo 150)".
func IndicatorChanges(was, is data.Indicator) []string {
	name := "Indicatore «" + is.Name + "»"
	unit := ""
	if is.Unit != "" {
		unit = " " + is.Unit
	}
	switch {
	case is.Deleted:
		return []string{name + " tolto"}
	case was.ID == "":
		return []string{name + " aggiunto: " + Number(is.Value) + unit + " (obiettivo " + Number(is.Target) + ")"}
	}
	var out []string
	if was.Name != is.Name {
		out = append(out, "Indicatore «"+was.Name+"» rinominato «"+is.Name+"»")
	}
	if was.Value != is.Value {
		out = append(out, name+": "+Number(was.Value)+" → "+Number(is.Value)+unit+" (obiettivo "+Number(is.Target)+")")
	} else if was.Target != is.Target {
		out = append(out, name+": obiettivo "+Number(is.Target)+unit)
	}
	if was.Unit != is.Unit && was.Value == is.Value {
		out = append(out, name+": unità «"+is.Unit+"»")
	}
	if !was.MeasuredOn.Equal(is.MeasuredOn) && len(out) == 0 {
		out = append(out, name+": misurato il "+dayOrNone(is.MeasuredOn))
	}
	return out
}

func dayOrNone(t time.Time) string {
	if t.IsZero() {
		return "non indicata"
	}
	return Date(t)
}
