// Numbers, times and dates written the Italian way on screen.

package app

import (
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/tavoli/tavoli/data"
)

// formatInt writes a whole number the Italian way: 15.150.
func formatInt(n int) string {
	return message.NewPrinter(language.Italian).Sprintf("%d", n)
}

// formatSeconds writes a time of day to the second, "16:05:09": when the last save happened.
func formatSeconds(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(data.Zone).Format("15:04:05")
}

// formatClock writes a time of day: 15:02.
func formatClock(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(data.Zone).Format("15:04")
}
