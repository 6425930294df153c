import { useEffect, useRef, type ReactNode } from "react";
import { Title } from "@mantine/core";

// Focus moves to the new screen's heading when it opens, so keyboard users continue
// from the top of the screen instead of from the navigation button they pressed.
export function ScreenTitle({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <Title order={2} ref={ref} tabIndex={-1} mb="sm">
      {children}
    </Title>
  );
}
