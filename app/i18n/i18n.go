// Package i18n is what Tavoli says, in Italian or English, for the window and the command line alike:
// the translations embedded in assets, the choice of language and the sentences that explain errors.
// It imports no Fyne, so the command line can be built and run without a window (go build -tags nogui).
// The window's widgets translate through Fyne's lang, loaded with the same files and the same choice.
package i18n

import (
	"encoding/json"
	"strings"
	"sync"
	"text/template"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/tavoli/tavoli/app/i18n/locale"
	"github.com/tavoli/tavoli/assets"
)

// Languages the program speaks, Italian first.
var Languages = []string{"it", "en"}

var (
	mu        sync.Mutex
	current   string
	localizer *goi18n.Localizer
)

// Choose picks the language: $TAVOLI_LANG, else pref (the preference saved for this installation),
// else Italian, whatever the system locale says, a "C" or unset one included.
func Choose(pref string) string { return locale.Choose(pref) }

// Setup loads the translations in the language Choose picks for pref and returns it.
func Setup(pref string) string {
	l := Choose(pref)
	// Fyne's lang reads translations with go-i18n and English as its fallback: so do we, so that a text
	// reads the same in the window and on the command line.
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	for _, name := range Languages {
		if _, err := b.LoadMessageFileFS(assets.Translations, "translations/"+name+".json"); err != nil {
			panic("i18n: embedded translations: " + err.Error()) // a build that cannot ship
		}
	}
	mu.Lock()
	defer mu.Unlock()
	current, localizer = l, goi18n.NewLocalizer(b, l)
	return l
}

// Language is the language in use ("it" or "en"); Italian until Setup says otherwise.
func Language() string {
	use()
	mu.Lock()
	defer mu.Unlock()
	return current
}

// use is the localizer in use, set up for the default language on first use.
func use() *goi18n.Localizer {
	mu.Lock()
	l := localizer
	mu.Unlock()
	if l == nil {
		Setup("")
		return use()
	}
	return l
}

// L translates key, a text template filled from args[0] (a map or a struct); a key without a
// translation is returned as it is, as Fyne's lang.L does.
func L(key string, args ...any) string { return X(key, key, args...) }

// X translates key, or gives fallback (filled from args[0]) when key has no translation.
func X(key, fallback string, args ...any) string {
	return localize(key, fallback, nil, args)
}

// N translates key in the plural form that n asks for in the language in use ("one", "many",
// "other"), filled from args[0].
func N(key string, n int, args ...any) string {
	return localize(key, key, n, args)
}

func localize(key, fallback string, count any, args []any) string {
	var data any
	if len(args) > 0 {
		data = args[0]
	}
	s, err := use().Localize(&goi18n.LocalizeConfig{
		DefaultMessage: &goi18n.Message{ID: key, Other: fallback},
		PluralCount:    count,
		TemplateData:   data,
	})
	if err != nil {
		return fill(key, fallback, data)
	}
	return s
}

// fill executes fallback as a template, as Fyne does when a translation fails.
func fill(key, fallback string, data any) string {
	t, err := template.New(key).Parse(fallback)
	if err != nil {
		return fallback
	}
	var b strings.Builder
	_ = t.Execute(&b, data)
	return b.String()
}
