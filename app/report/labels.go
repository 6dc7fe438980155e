package report

import "github.com/tavoli/tavoli/data"

// CategoryLabel is the Italian name of a participant's category, as registers print it. An unknown
// code is printed as it is rather than hidden.
func CategoryLabel(c data.Category) string {
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

// KindLabel is the Italian name of a proposal's kind: "Punto di forza", "Criticità"…
func KindLabel(k data.ProposalKind) string {
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

// CostLabel is a cost band as an office writes it: "< € 5.000", "€ 5.000–25.000", "> € 25.000";
// "" when the cost is not known.
func CostLabel(c data.CostBand) string {
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

// TimeLabel is a duration band: "3–6 mesi", "6–12 mesi", "oltre 12 mesi"; "" when not known.
func TimeLabel(t data.TimeBand) string {
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

// StatusLabel is the Italian name of a session's status: "Bozza", "Convocata", "In corso",
// "Chiusa", "Approvata".
func StatusLabel(s data.SessionStatus) string {
	switch s {
	case data.SessionBozza:
		return "Bozza"
	case data.SessionConvocata:
		return "Convocata"
	case data.SessionInCorso:
		return "In corso"
	case data.SessionChiusa:
		return "Chiusa"
	case data.SessionApprovata:
		return "Approvata"
	}
	return string(s)
}

// methodLabel says how a vote counts, as the verbale records it after "votazione palese".
func methodLabel(m data.VoteMethod) string {
	switch m {
	case data.MethodMotion:
		return "favorevoli, contrari e astenuti"
	case data.MethodDots:
		return "voto a punti, con bollini distribuiti fra le opzioni"
	case data.MethodPoints:
		return "100 punti distribuiti fra le opzioni"
	case data.MethodBorda:
		return "graduatoria con il metodo Borda"
	case data.MethodSchulze:
		return "graduatoria con il metodo Condorcet-Schulze"
	case data.MethodScore:
		return "punteggio su criteri ponderati"
	case data.MethodApproval:
		return "voto per approvazione"
	}
	return string(m)
}

// callLabel is "prima" or "seconda convocazione"; an unknown call reads as the first, the default.
func callLabel(c data.Call) string {
	if c == data.CallSeconda {
		return "seconda convocazione"
	}
	return "prima convocazione"
}
