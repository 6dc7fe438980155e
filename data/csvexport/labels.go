package csvexport

import "github.com/tavoli/tavoli/data"

// The labels below are the Italian words an office writes in a spreadsheet. They are kept here rather
// than taken from the interface's translations: a file for the Ambito is in Italian whatever language
// the computer that exports it is set to. An unknown value is written as it is stored, never dropped.

// kindLabel is the Italian name of a proposal's kind.
func kindLabel(k data.ProposalKind) string {
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

// stateLabel is the Italian name of a proposal's state, lower case as the lifecycle names it.
func stateLabel(s data.ProposalState) string {
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

// costLabel is a cost band; "" when the cost is not known.
func costLabel(c data.CostBand) string {
	switch c {
	case data.CostUnknown:
		return ""
	case data.CostUnder5k:
		return "< € 5.000"
	case data.Cost5to25k:
		return "€ 5.000–25.000"
	case data.CostOver25k:
		return "> € 25.000"
	}
	return string(c)
}

// timeLabel is a duration band; "" when the duration is not known.
func timeLabel(t data.TimeBand) string {
	switch t {
	case data.TimeUnknown:
		return ""
	case data.Time3to6:
		return "3–6 mesi"
	case data.Time6to12:
		return "6–12 mesi"
	case data.TimeOver12:
		return "oltre 12 mesi"
	}
	return string(t)
}
