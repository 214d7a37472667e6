/*
 * Native cross-check for test/fixtures/talib/talib-vectors.json (see scripts/talib-vectors.mjs).
 * Runs the same TA-Lib calls as the .mjs generator on a native (x86-64, gcc) TA-Lib build and prints
 * one line per output column: "<column> <outBegIdx> <values...>" with %.17g.
 *
 * Build against the TA-Lib C sources shipped in the `talib` npm package (node-talib 2.0.5,
 * TA-Lib 0.6.0-dev), outside the repo:
 *   mkdir -p /tmp/nt && cd /tmp/nt && npm pack talib@2.0.5 && tar xzf talib-2.0.5.tgz
 *   S=package/src/lib/src
 *   gcc -O1 -ffp-contract=off -Ipackage/src/lib/include -I$S/ta_common -I$S/ta_func \
 *       /path/to/repo/scripts/talib-vectors.c $S/ta_func/ta_*.c $S/ta_common/ta_global.c \
 *       $S/ta_common/ta_retcode.c $S/ta_common/ta_version.c -lm -o talib-vectors-native
 *   node /path/to/repo/scripts/talib-vectors.mjs --dump-input /tmp/in.txt
 *   ./talib-vectors-native /tmp/in.txt > /tmp/native.txt
 *   node /path/to/repo/scripts/talib-vectors.mjs --compare /tmp/native.txt
 */
#include <stdio.h>
#include <stdlib.h>
#include "ta_libc.h"
static int n; static double H[4096],L[4096],C[4096],V[4096],o1[4096],o2[4096],o3[4096];
static void pr(const char*name,int b,int nb,double*o){printf("%s %d",name,b);for(int i=0;i<nb;i++)printf(" %.17g",o[i]);printf("\n");}
int main(int argc,char**argv){if(argc<2)return 2;FILE*f=fopen(argv[1],"r");if(!f)return 1;if(fscanf(f,"%d",&n)!=1||n>4096)return 1;for(int i=0;i<n;i++)fscanf(f,"%lf %lf %lf %lf",&H[i],&L[i],&C[i],&V[i]);
TA_Initialize();int b,nb;char nm[64];int e=n-1;
int p1[]={20,5};for(int k=0;k<2;k++){TA_SMA(0,e,C,p1[k],&b,&nb,o1);sprintf(nm,"sma_%d",p1[k]);pr(nm,b,nb,o1);}
int p2[]={20,10};for(int k=0;k<2;k++){TA_EMA(0,e,C,p2[k],&b,&nb,o1);sprintf(nm,"ema_%d",p2[k]);pr(nm,b,nb,o1);}
int p3[]={20,9};for(int k=0;k<2;k++){TA_WMA(0,e,C,p3[k],&b,&nb,o1);sprintf(nm,"wma_%d",p3[k]);pr(nm,b,nb,o1);}
int p4[]={20,5};for(int k=0;k<2;k++){TA_DEMA(0,e,C,p4[k],&b,&nb,o1);sprintf(nm,"dema_%d",p4[k]);pr(nm,b,nb,o1);}
int p5[]={20,4};for(int k=0;k<2;k++){TA_TEMA(0,e,C,p5[k],&b,&nb,o1);sprintf(nm,"tema_%d",p5[k]);pr(nm,b,nb,o1);}
int p6[]={14,7};for(int k=0;k<2;k++){TA_RSI(0,e,C,p6[k],&b,&nb,o1);sprintf(nm,"rsi_%d",p6[k]);pr(nm,b,nb,o1);}
TA_BBANDS(0,e,C,20,2,2,TA_MAType_SMA,&b,&nb,o1,o2,o3);pr("bbands_20_2_upper",b,nb,o1);pr("bbands_20_2_middle",b,nb,o2);pr("bbands_20_2_lower",b,nb,o3);
TA_BBANDS(0,e,C,10,1.5,1.5,TA_MAType_SMA,&b,&nb,o1,o2,o3);pr("bbands_10_1.5_upper",b,nb,o1);pr("bbands_10_1.5_middle",b,nb,o2);pr("bbands_10_1.5_lower",b,nb,o3);
TA_BBANDS(0,e,C,5,1,1,TA_MAType_SMA,&b,&nb,o1,o2,o3);pr("bbands_5_1_upper",b,nb,o1);pr("bbands_5_1_middle",b,nb,o2);pr("bbands_5_1_lower",b,nb,o3);
TA_MACD(0,e,C,12,26,9,&b,&nb,o1,o2,o3);pr("macd_12_26_9_macd",b,nb,o1);pr("macd_12_26_9_signal",b,nb,o2);pr("macd_12_26_9_hist",b,nb,o3);
TA_MACD(0,e,C,5,13,4,&b,&nb,o1,o2,o3);pr("macd_5_13_4_macd",b,nb,o1);pr("macd_5_13_4_signal",b,nb,o2);pr("macd_5_13_4_hist",b,nb,o3);
TA_STOCH(0,e,H,L,C,14,3,TA_MAType_SMA,3,TA_MAType_SMA,&b,&nb,o1,o2);pr("stoch_14_3_3_k",b,nb,o1);pr("stoch_14_3_3_d",b,nb,o2);
TA_STOCH(0,e,H,L,C,5,3,TA_MAType_SMA,2,TA_MAType_SMA,&b,&nb,o1,o2);pr("stoch_5_3_2_k",b,nb,o1);pr("stoch_5_3_2_d",b,nb,o2);
TA_STOCH(0,e,H,L,C,9,1,TA_MAType_SMA,4,TA_MAType_SMA,&b,&nb,o1,o2);pr("stoch_9_1_4_k",b,nb,o1);pr("stoch_9_1_4_d",b,nb,o2);
int p7[]={14,7};for(int k=0;k<2;k++){TA_WILLR(0,e,H,L,C,p7[k],&b,&nb,o1);sprintf(nm,"willr_%d",p7[k]);pr(nm,b,nb,o1);}
int p8[]={14,20};for(int k=0;k<2;k++){TA_CCI(0,e,H,L,C,p8[k],&b,&nb,o1);sprintf(nm,"cci_%d",p8[k]);pr(nm,b,nb,o1);}
int p9[]={14,5};for(int k=0;k<2;k++){TA_ATR(0,e,H,L,C,p9[k],&b,&nb,o1);sprintf(nm,"atr_%d",p9[k]);pr(nm,b,nb,o1);}
int pa[]={14,7};for(int k=0;k<2;k++){TA_ADX(0,e,H,L,C,pa[k],&b,&nb,o1);sprintf(nm,"adx_%d_adx",pa[k]);pr(nm,b,nb,o1);
 TA_PLUS_DI(0,e,H,L,C,pa[k],&b,&nb,o1);sprintf(nm,"adx_%d_pdi",pa[k]);pr(nm,b,nb,o1);
 TA_MINUS_DI(0,e,H,L,C,pa[k],&b,&nb,o1);sprintf(nm,"adx_%d_mdi",pa[k]);pr(nm,b,nb,o1);}
TA_SAR(0,e,H,L,0.02,0.2,&b,&nb,o1);pr("sar_0.02_0.2",b,nb,o1);
TA_SAR(0,e,H,L,0.03,0.25,&b,&nb,o1);pr("sar_0.03_0.25",b,nb,o1);
TA_OBV(0,e,C,V,&b,&nb,o1);pr("obv",b,nb,o1);
return 0;}
