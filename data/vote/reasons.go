package vote

import "fmt"

// The reasons a ballot is a scheda nulla. They are part of the result, which the verbale, the results
// PDF and a recount print as they are: short Italian sentences that name what is wrong, worded the
// same way every time so that two counts of the same ballots read the same.

func reasonNotListed(voter string) string {
	return fmt.Sprintf("il votante «%s» non è nell'elenco dei votanti", voter)
}

func reasonAbsent(voter string) string {
	return fmt.Sprintf("il votante «%s» risulta assente", voter)
}

func reasonSecondBallot(voter string) string {
	return fmt.Sprintf("il votante «%s» ha già votato: vale la prima scheda", voter)
}

func reasonNamedCount(n int) string {
	return fmt.Sprintf("una scheda con il nome del votante non può valere per %d schede", n)
}

const (
	reasonNoChoice   = "manca il voto: favorevole, contrario o astenuto"
	reasonNoRanking  = "la scheda non contiene una graduatoria"
	reasonNoScores   = "la scheda non contiene punteggi"
	reasonNoApproval = "la scheda non indica le opzioni approvate"
)

// reasonUnreadable is for a ballot of a file that is not an object, or whose field holds a value of
// the wrong type (a text where a number goes).
func reasonUnreadable(field string) string {
	if field == "" {
		return "la scheda non è scritta nella forma prevista"
	}
	return fmt.Sprintf("la scheda non è leggibile: «%s» non è scritto nella forma prevista", field)
}

func reasonBadChoice(choice string) string {
	return fmt.Sprintf("«%s» non è un voto valido: si vota favorevole, contrario o astenuto", choice)
}

func reasonUnknownOption(id string) string {
	return fmt.Sprintf("l'opzione «%s» non è tra quelle in votazione", id)
}

// unit is what a ballot spends: bollini (dots) or punti (points), singular and plural.
type unit struct{ one, many string }

var (
	dots   = unit{"bollino", "bollini"}
	points = unit{"punto", "punti"}
)

// of writes n of the unit: "un bollino", "3 bollini".
func (u unit) of(n int) string {
	if n == 1 {
		return "un " + u.one
	}
	return fmt.Sprintf("%d %s", n, u.many)
}

func reasonNoAllocation(u unit) string {
	return fmt.Sprintf("la scheda non indica a chi vanno i %s", u.many)
}

func reasonNegative(u unit, id string) string {
	return fmt.Sprintf("assegna a «%s» un numero negativo di %s", id, u.many)
}

func reasonFractional(u unit, id string) string {
	return fmt.Sprintf("assegna a «%s» un numero non intero di %s", id, u.many)
}

func reasonPerOption(u unit, max int, id string) string {
	return fmt.Sprintf("assegna a «%s» più di %s", id, u.of(max))
}

func reasonOverAllowance(u unit, allowance int) string {
	if allowance == 1 {
		return fmt.Sprintf("supera l'unico %s a disposizione", u.one)
	}
	return fmt.Sprintf("supera i %s a disposizione", u.of(allowance))
}

func reasonRepeatedInRanking(id string) string {
	return fmt.Sprintf("l'opzione «%s» compare più volte nella graduatoria", id)
}

func reasonUnknownCriterion(id string) string {
	return fmt.Sprintf("il criterio «%s» non è tra quelli previsti", id)
}

func reasonMissingScore(option, criterion string) string {
	return fmt.Sprintf("manca il punteggio di «%s» per «%s»", option, criterion)
}

func reasonFractionalScore(option, criterion string) string {
	return fmt.Sprintf("il punteggio di «%s» per «%s» non è un numero intero", option, criterion)
}

func reasonOutOfScale(option, criterion string, min, max int) string {
	return fmt.Sprintf("il punteggio di «%s» per «%s» è fuori dalla scala da %d a %d", option, criterion, min, max)
}

func reasonRepeatedApproval(id string) string {
	return fmt.Sprintf("l'opzione «%s» è approvata più volte", id)
}
