package i18n

import (
	"maps"
	"strings"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// Explain turns an error into sentences for a secretary: what happened and what to do. Domain errors
// are looked up by their key; an error they wrap that is itself a domain error is explained after it
// (an import row's line, then what is wrong with it). Anything else is an unexpected error, shown with
// its technical detail for whoever supports the office.
func Explain(err error) string {
	if err == nil {
		return ""
	}
	e := data.AsError(err)
	if e == nil {
		return L("err.unexpected", map[string]any{"detail": err.Error()})
	}
	args := maps.Clone(e.Args) // the error's own arguments stay as they are
	for k, v := range args {
		switch x := v.(type) {
		case time.Time:
			args[k], args[k+"_of"] = italian.Day(x), OfDay(x)
		case data.ProposalState:
			args[k] = L("pstate." + string(x))
		case data.Field:
			args[k] = L("field." + string(x))
		}
	}
	msg := X(e.Key, e.Key, args)
	if inner := data.AsError(e.Err); inner != nil {
		return msg + " " + Explain(inner)
	}
	if e.Code.Kind() == data.EInternal && e.Err != nil {
		msg += " " + L("err.detail", map[string]any{"detail": e.Err.Error()})
	}
	return msg
}

// OfDay is "del 12 marzo 2027", "dell'8 aprile 2027" (the article elided before a vowel), or "of …" in
// English.
func OfDay(t time.Time) string {
	s := L("date.of", map[string]any{"date": italian.Day(t)})
	if strings.HasPrefix(s, "del ") {
		return italian.OfDay(t) // Italian, with the article elided where Italian elides it
	}
	return s
}

// KindName is the name of a kind of record, for lists of what a bundle carries: "Persona", "Seduta".
func KindName(k data.Kind) string { return X("kindname."+string(k), string(k)) }
