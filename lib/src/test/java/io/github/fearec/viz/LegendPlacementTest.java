package io.github.fearec.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.style.Styler.LegendPosition;

class LegendPlacementTest {

  private static final double[] FALLING = {6, 5, 4.4, 4.1, 4.0, 3.95};
  private static final double[] RISING = {0.01, 0.2, 0.25, 0.27, 0.28, 0.285};

  @Test
  void fallingCurvesLeaveTheTopRightFree() {
    assertEquals(
        LegendPosition.InsideNE, LegendPlacement.choose(List.of(Series.of("loss", FALLING)), false, false));
  }

  @Test
  void risingCurvesMoveTheLegendDown() {
    assertEquals(
        LegendPosition.InsideSE, LegendPlacement.choose(List.of(Series.of("ndcg", RISING)), false, false));
  }

  @Test
  void aPlotFilledEverywhereGetsTheLegendBelowIt() {
    double[] zigzag = new double[60];
    for (int i = 0; i < zigzag.length; i++) {
      zigzag[i] = i % 2;
    }
    assertEquals(
        LegendPosition.OutsideS, LegendPlacement.choose(List.of(Series.of("z", zigzag)), false, false));
  }

  @Test
  void logAxesAreJudgedInLogScale() {
    // Linear: 1000 is a tenth of 10000, so the two right-hand points sit near the bottom and
    // the top-right corner is free. Log: 1000 is three quarters of the way up, the top-right
    // corner is taken and the bottom-right one is free.
    Series s =
        Series.of("s", new double[] {1, 2, 3, 4, 5}, new double[] {10000, 1, 1, 1000, 1000});
    assertEquals(LegendPosition.InsideNE, LegendPlacement.choose(List.of(s), false, false));
    assertEquals(LegendPosition.InsideSE, LegendPlacement.choose(List.of(s), false, true));
  }

  @Test
  void aLegendBelowThePlotIsOneRow() {
    double[] zigzag = new double[30];
    for (int i = 0; i < zigzag.length; i++) {
      zigzag[i] = i % 2;
    }
    var chart =
        LineChart.create("t", "x", "y", Series.of("a", zigzag), Series.of("b", zigzag.clone()));
    assertEquals(LegendPosition.OutsideS, chart.getStyler().getLegendPosition());
    assertEquals(
        org.knowm.xchart.style.Styler.LegendLayout.Horizontal, chart.getStyler().getLegendLayout());
  }

  @Test
  void lineChartUsesThePlacement() {
    var chart = LineChart.create("t", "x", "y", Series.of("a", RISING), Series.of("b", RISING));
    assertEquals(LegendPosition.InsideSE, chart.getStyler().getLegendPosition());
  }
}
