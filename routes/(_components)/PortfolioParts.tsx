import { sliceColor } from "@/core/web/chart_colors.ts";
import type { ColorConvention } from "@/core/web/colors.ts";
import { formatKrw, formatPercent } from "@/core/web/format.ts";
import type { Messages } from "@/core/web/i18n/mod.ts";
import type { PortfolioBalanceView } from "@/core/web/views/mod.ts";
import AllocationChart from "../../islands/AllocationChart.tsx";

/** The allocation doughnut (an island) beside the table of the same numbers, its fallback. */
export function AllocationCard(
  { allocation, t, colors }: {
    readonly allocation: PortfolioBalanceView["allocation"];
    readonly t: Messages;
    /** The reader's colour convention, whose up and down colours the slices avoid. */
    readonly colors: ColorConvention;
  },
) {
  const p = t.portfolio;
  const slices = allocation.map((slice, i) => ({
    ...slice,
    color: sliceColor(slice, i, colors),
  }));
  return (
    <article class="card">
      <h2>{p.allocation}</h2>
      <div class="allocation">
        <AllocationChart
          slices={slices.map(({ label, value, color }) => ({ label, value, color }))}
          description={p.allocationChart(
            slices.map((s) => `${s.label} ${formatPercent(s.weightBp)}`).join(", "),
          )}
        />
        <table class="data legend" data-testid="allocation-table">
          <caption class="sr-only">{p.allocation}</caption>
          <tbody>
            {slices.map((slice) => (
              <tr key={slice.symbol ?? "cash"}>
                <th scope="row">
                  <span class="swatch" style={{ background: slice.color }} aria-hidden="true" />
                  {slice.label}
                </th>
                <td class="num">{formatKrw(slice.value)}</td>
                <td class="num">{formatPercent(slice.weightBp)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}
