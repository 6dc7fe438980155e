// Package assets embeds what the program carries inside its binary: the icon, the translations
// (Italian first, English second), the fonts of the PDF documents and the demo district's data.
package assets

import (
	"embed"
	_ "embed"
)

// Icon is the application icon (a round table with six seats), 512×512 PNG.
//
//go:embed icon.png
var Icon []byte

// Translations holds translations/it.json and translations/en.json, for lang.AddTranslationsFS.
//
//go:embed translations/*.json
var Translations embed.FS

// Trasimeno is the demo district: the real comuni of the Ambito Territoriale n.5 del Trasimeno with
// approximate populations, its welfare areas and bodies, and invented people.
//
//go:embed demo/trasimeno.json
var Trasimeno []byte

// Fonts holds the DejaVu TrueType fonts the PDF documents embed (fonts/LICENSE-DejaVu.txt permits
// redistributing them): a PDF must carry its own fonts so that every Italian letter prints the same
// on any reader, and the core PDF fonts know no UTF-8.
//
//go:embed fonts/*.ttf
var Fonts embed.FS

// Meetings are the demo district's meetings: the sessions its bodies held, with their ordine del
// giorno and notes, registers, decisions, action items and the proposals captured at the tables.
//
//go:embed demo/meetings.json
var Meetings []byte

// Votes are the votes held in the demo district's meetings, by session and agenda item: every method,
// open and secret, with their ballots (schede nulle among them) and, for a secret vote, who voted.
//
//go:embed demo/votes.json
var Votes []byte

// Attuazione is how the demo district's approved priorities are being carried out: who answers for
// each, the budget by source, the milestones, the indicators and the updates the office recorded.
//
//go:embed demo/attuazione.json
var Attuazione []byte
