import { createTheme } from "@mantine/core";

// focusRing "auto" shows Mantine's ring on keyboard focus (:focus-visible) on every
// control; the grid and headings add their own outline in app.css.
export const theme = createTheme({
  primaryColor: "indigo",
  focusRing: "auto",
  defaultRadius: "sm",
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif",
});
