import { Button, useComputedColorScheme, useMantineColorScheme } from "@mantine/core";

export function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme("light");
  const other = scheme === "dark" ? "light" : "dark";
  return (
    <Button variant="subtle" size="xs" onClick={() => setColorScheme(other)}>
      {other === "dark" ? "Dark" : "Light"} mode
    </Button>
  );
}
