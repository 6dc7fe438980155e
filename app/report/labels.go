package report

import "github.com/tavoli/tavoli/data"

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
