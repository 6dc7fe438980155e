// Package italian holds the Italian words Tavoli's documents and files use for the codes it stores:
// a proposal's kind and state, a participant's category, the cost and time bands; and the one way
// numbers, dates and hours are written the Italian way (format.go). Documents (PDF, CSV)
// are written in Italian whatever language the interface is set to, so these words live here rather
// than in the interface's translations. An unknown code is written as it is stored, never hidden.
package italian

import (
	"github.com/tavoli/tavoli/data"
)

// Category is the Italian name of a participant's category, as registers print it. An unknown
// code is printed as it is rather than hidden.
func Category(c data.Category) string {
	switch c {
	case data.CatASL:
		return "ASL"
	case data.CatComune:
		return "Comune"
	case data.CatScuola:
		return "Scuola"
	case data.CatAssociazione:
		return "Associazione"
	case data.CatCooperativa:
		return "Cooperativa sociale"
	case data.CatVolontariato:
		return "Volontariato"
	case data.CatSindacato:
		return "Sindacato"
	case data.CatCittadino:
		return "Cittadino"
	case data.CatAltro:
		return "Altro"
	}
	return string(c)
}

// Kind is the Italian name of a proposal's kind: "Punto di forza", "Criticità"…
func Kind(k data.ProposalKind) string {
	switch k {
	case data.KindPuntoDiForza:
		return "Punto di forza"
	case data.KindCriticita:
		return "Criticità"
	case data.KindStrategia:
		return "Strategia"
	case data.KindIpotesi:
		return "Ipotesi progettuale"
	}
	return string(k)
}

// Cost is a cost band as an office writes it: "< € 5.000", "€ 5.000–25.000", "> € 25.000";
// "" when the cost is not known.
func Cost(c data.CostBand) string {
	switch c {
	case data.CostUnder5k:
		return "< € 5.000"
	case data.Cost5to25k:
		return "€ 5.000–25.000"
	case data.CostOver25k:
		return "> € 25.000"
	case data.CostUnknown:
		return ""
	}
	return string(c)
}

// Time is a duration band: "3–6 mesi", "6–12 mesi", "oltre 12 mesi"; "" when not known.
func Time(t data.TimeBand) string {
	switch t {
	case data.Time3to6:
		return "3–6 mesi"
	case data.Time6to12:
		return "6–12 mesi"
	case data.TimeOver12:
		return "oltre 12 mesi"
	case data.TimeUnknown:
		return ""
	}
	return string(t)
}

// State is the Italian name of a proposal's state, lower case as the lifecycle names it: "proposta",
// "in valutazione", "prioritaria"…
func State(s data.ProposalState) string {
	switch s {
	case data.StateProposta:
		return "proposta"
	case data.StateInValutazione:
		return "in valutazione"
	case data.StatePrioritaria:
		return "prioritaria"
	case data.StateValidata:
		return "validata"
	case data.StateApprovata:
		return "approvata"
	case data.StateInAttuazione:
		return "in attuazione"
	case data.StateRealizzata:
		return "realizzata"
	case data.StateRespinta:
		return "respinta"
	case data.StateAccorpata:
		return "accorpata"
	}
	return string(s)
}

// BodyKind is the Italian name of a body's kind.
func BodyKind(k data.BodyKind) string {
	switch k {
	case data.BodySindaci:
		return "Tavolo dei Sindaci"
	case data.BodyTavoloAlto:
		return "Tavolo Alto della Concertazione"
	case data.BodyTavoloTematico:
		return "Tavolo tematico"
	case data.BodyCoprogettazione:
		return "Gruppo di coprogettazione"
	case data.BodyUfficioDiPiano:
		return "Ufficio di Piano"
	}
	return string(k)
}

// KindPlural names a kind of proposal in the plural, for column headings.
func KindPlural(k data.ProposalKind) string {
	switch k {
	case data.KindPuntoDiForza:
		return "Punti di forza"
	case data.KindCriticita:
		return "Criticità"
	case data.KindStrategia:
		return "Strategie"
	case data.KindIpotesi:
		return "Ipotesi progettuali"
	}
	return Kind(k)
}
